import sys

from pingxing.cli import main

sys.exit(main())
