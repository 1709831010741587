"""Spatial families: positions, directions and movement on grids."""
