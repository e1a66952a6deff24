"""The ground floor: text engines and rules every other package builds on.

``opencc`` (Simplified <-> Traditional), ``wordwise`` (word-aware conversion with the region
vocabulary), ``segmenter`` (jieba, one tokenizer per pipeline),
``locales`` (the one locale model), ``placeholders`` (the mask alphabet and the forms MT may
use), ``script`` (script detection) and ``entities`` (Weibo entity patterns). Nothing here
imports steps, glossary, qa, mt, io or cli; the import contracts in pyproject.toml say so.
"""
