"""The pure domain core: goal tree, indicators, targets, assessments, economics.

Nothing in this package imports Django or touches I/O; importers build these objects,
persistence stores them and renderers read them.
"""
