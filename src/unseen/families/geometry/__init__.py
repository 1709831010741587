"""Geometry families: areas, lines and points in the coordinate plane."""
