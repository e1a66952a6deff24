"""The ground floor: text engines every other package builds on.

``wordwise`` (word-aware OpenCC conversion with the region vocabulary). Nothing here imports
steps, glossary, qa, mt, io or cli.
"""
