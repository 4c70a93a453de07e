"""Pingxing (评星): the 评星晋级 star-rating and 创先争优 campaign platform."""
