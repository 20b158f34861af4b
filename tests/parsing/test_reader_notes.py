"""Readers' notes: found in the text by the words of the record's first line, the line number only a hint."""
from yearbook.parsing.profile import Row
from yearbook.parsing.reader_notes import anchor_reader_notes, lines_printing, note_key, place_notes

LINES = ["曹世雄", "", "主任 曹世雄 副主任 张三", "2020 年全区工伤保险金收支情况统计表", "脱贫攻坚", "脱贫攻坚成效"]


def row(record, printed, note, line="1"):
    return Row({"record": record, "printed": printed, "line": line, "note": note}, "reader_notes.csv", 2)


def test_a_whole_line_wins_over_lines_that_contain_the_words():
    assert lines_printing(LINES, "曹世雄") == [1]          # not the roster line that also names him
    assert lines_printing(LINES, "脱贫攻坚") == [5]
    assert lines_printing(LINES, "2020年全区工伤保险金") == [4]   # spaces ignored, a part of the line
    assert lines_printing(LINES, "  ") == []


def test_notes_are_keyed_by_kind_and_the_line_found_whatever_the_hint():
    notes, unplaced = place_notes(LINES, [row("appointment", "曹世雄", "甲", line="1948"),
                                          row("stattable", "2020 年全区工伤", "乙", line="3709")])
    assert notes == {note_key("appointment", 1): "甲", "stattable:4": "乙"} and unplaced == []


def test_words_found_nowhere_or_twice_place_no_note():
    notes, unplaced = place_notes(LINES + ["主任 曹世雄"], [row("appointment", "主任", "甲"),
                                                            row("event", "不存在的文字", "乙")])
    assert notes == {}
    assert [(r["printed"], found) for r, found in unplaced] == [("主任", [3, 7]), ("不存在的文字", [])]


def test_the_real_text_places_every_note_and_an_unplaced_one_is_a_notice(source):
    notes = anchor_reader_notes(source)
    assert len(notes) == 31 and notes["honour:4514"] == "此处姓名中间一字印刷残缺，按“王雅琴”录入。"
    assert notes["appointment:1948"].startswith("原书此处分两栏排印")
    assert not [i for i in source.review.items if i.code == "reader-note-unmatched"]
