"""The SVG writer: well-formed, escaped, the same bytes for the same drawing."""

import xml.etree.ElementTree as ET

from jane_synth.svg import Canvas, nice_ticks, text_width

NS = "{http://www.w3.org/2000/svg}"


def _drawing() -> str:
    canvas = Canvas(200, 100, 'A & B <"chart">')
    canvas.rect(1.25, 2, 10, 10, "#ffffff", stroke="#888888", tooltip="cell <x> & y")
    canvas.circle(50, 50, 4.04, "#1f77b4", 0.6)
    canvas.line(0, 90, 200, 90)
    canvas.text(10, 20, "<script>alert(1)</script> & more", size=9, anchor="end", rotate=-40)
    canvas.text(10, 40, ["moderate", "2"], size=9, fill="#ffffff", bold=True)
    return canvas.render()


def test_a_drawing_is_well_formed_xml_with_its_text_escaped():
    svg = _drawing()
    assert svg.startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg ')
    root = ET.fromstring(svg.split("\n", 1)[1])
    assert root.tag == f"{NS}svg" and root.get("viewBox") == "0 0 200 100"
    assert root.get("aria-label") == 'A & B <"chart">'
    assert root.find(f"{NS}title").text == 'A & B <"chart">'
    texts = root.findall(f"{NS}text")
    assert texts[0].text == "<script>alert(1)</script> & more"
    assert texts[0].get("transform") == "rotate(-40 10 20)"
    assert [t.text for t in texts[1].findall(f"{NS}tspan")] == ["moderate", "2"]
    rects = root.findall(f"{NS}rect")
    assert rects[1].get("x") == "1.2" and rects[1].find(f"{NS}title").text == "cell <x> & y"
    assert root.find(f"{NS}circle").get("r") == "4" and "<script>" not in svg


def test_the_same_drawing_gives_the_same_bytes():
    assert _drawing() == _drawing()


def test_ticks_are_round_and_reach_the_top():
    assert nice_ticks(637) == [0, 200, 400, 600, 800]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(0.3) == [0, 0.1, 0.2, 0.3]
    assert nice_ticks(0) == [0, 1]
    assert text_width("abcd", 10) > text_width("ab", 10) > 0
