from __future__ import annotations

import logging
from pathlib import Path

import jieba

from localize.glossary import Glossary
from localize.glossary.jieba_dict import dump_jieba, write_jieba


def test_export_is_a_jieba_user_dictionary(sample: Glossary, tmp_path: Path) -> None:
    text = dump_jieba(sample)
    assert "班夫 ns\n" in text
    assert "遇见加拿大\n" in text
    path = tmp_path / "user.dict"
    write_jieba(sample, path)
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    assert "加拿大国家电视塔" not in tokenizer.lcut("我们去加拿大国家电视塔")
    tokenizer.load_userdict(str(path))
    assert "加拿大国家电视塔" in tokenizer.lcut("我们去加拿大国家电视塔")
    assert "加拿大國家電視塔" in tokenizer.lcut("我們去加拿大國家電視塔")  # derived form too
