"""The cadres pages, by area: roster, pledges (with checkpoints and 述职), cases."""
