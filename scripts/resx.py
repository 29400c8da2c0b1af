#!/usr/bin/env python3
"""Writes Resources/SharedResource.zh-CN.resx and .en.resx from Resources/strings.tsv (key, zh-CN, en)."""
import os
from xml.sax.saxutils import escape

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Kefu.Web", "Resources")
rows = []
with open(os.path.join(here, "strings.tsv"), encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        key, zh, en = line.split("\t")
        rows.append((key, zh, en))

keys = [r[0] for r in rows]
dupes = {k for k in keys if keys.count(k) > 1}
if dupes:
    raise SystemExit(f"duplicate keys: {sorted(dupes)}")

header = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from strings.tsv by scripts/resx.py: edit the TSV, not this file. -->
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for culture, col in (("zh-CN", 1), ("en", 2)):
    with open(os.path.join(here, f"SharedResource.{culture}.resx"), "w", encoding="utf-8") as out:
        out.write(header)
        for r in rows:
            out.write(f'  <data name="{escape(r[0])}" xml:space="preserve"><value>{escape(r[col])}</value></data>\n')
        out.write("</root>\n")
print(f"{len(rows)} strings")
