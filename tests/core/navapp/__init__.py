"""A tiny app that exists only in the tests: it puts itself on the menu and the home page
from its AppConfig, as every real app does, without a line of core changing."""
