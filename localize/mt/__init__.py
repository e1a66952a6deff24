"""Machine translation over Argos Translate packages: discovery and installation
(:mod:`~localize.mt.packages`), sentence splitting (:mod:`~localize.mt.splitter`), placeholder
forms per model (:mod:`~localize.mt.masking`), the batched CTranslate2 engine
(:mod:`~localize.mt.engine`) and the SQLite translation cache (:mod:`~localize.mt.cache`).

Importing this package is cheap: ctranslate2 and sentencepiece load when a model does.
"""
