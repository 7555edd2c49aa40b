/* Markdown to sections and styled runs: every element the renderer knows. */
#include "guide/cairn-guide-diff.h"
#include "guide/cairn-guide-doc.h"
#include "guide/cairn-guide-render.h"

void guide_add_render_tests (void);

/* The text a tag covers, the first time it occurs (NULL when it never does). */
static char *
tagged (const CairnGuideRender *r, const char *tag, guint nth)
{
  for (guint i = 0; i < r->spans->len; i++)
    {
      const CairnGuideSpan *s = g_ptr_array_index (r->spans, i);
      const char *start, *end;

      if (!g_str_equal (s->tag, tag) || nth-- > 0)
        continue;
      start = g_utf8_offset_to_pointer (r->text->str, s->start);
      end = g_utf8_offset_to_pointer (r->text->str, s->end);
      return g_strndup (start, (gsize) (end - start));
    }
  return NULL;
}

static const char *
data_of (const CairnGuideRender *r, const char *tag)
{
  for (guint i = 0; i < r->spans->len; i++)
    {
      const CairnGuideSpan *s = g_ptr_array_index (r->spans, i);

      if (g_str_equal (s->tag, tag))
        return s->data;
    }
  return NULL;
}

#define ASSERT_TAGGED(r, tag, nth, expected)          \
  G_STMT_START {                                      \
    g_autofree char *got_ = tagged ((r), (tag), (nth)); \
    g_assert_cmpstr (got_, ==, (expected));           \
  } G_STMT_END

static void
test_inline (void)
{
  g_autoptr(CairnGuideRender) r = cairn_guide_render (
    "Box the *whole* car, **tight**, with `bbox` [as shown](https://example.org/car) "
    "and ![a car](car.png) <b>raw</b>.\nNext line.  \nHard break. ![web](https://x.org/a.png)");

  /* A picture kept in the project gets its one placeholder; a web address only its alt text. */
  g_assert_cmpstr (r->text->str, ==, "Box the whole car, tight, with bbox as shown and "
                   CAIRN_GUIDE_PICTURE_CHAR "a car <b>raw</b>. Next line.\nHard break. web");
  ASSERT_TAGGED (r, "picture", 0, CAIRN_GUIDE_PICTURE_CHAR);
  g_assert_cmpstr (data_of (r, "picture"), ==, "car.png");
  g_assert_null (tagged (r, "picture", 1));
  ASSERT_TAGGED (r, "image", 1, "web");
  ASSERT_TAGGED (r, "emphasis", 0, "whole");
  ASSERT_TAGGED (r, "strong", 0, "tight");
  ASSERT_TAGGED (r, "code", 0, "bbox");
  ASSERT_TAGGED (r, "link", 0, "as shown");
  g_assert_cmpstr (data_of (r, "link"), ==, "https://example.org/car");
  ASSERT_TAGGED (r, "image", 0, "a car");
  g_assert_cmpstr (data_of (r, "image"), ==, "car.png");
  ASSERT_TAGGED (r, "html", 0, "<b>");
  ASSERT_TAGGED (r, "html", 1, "</b>");
  g_assert_cmpuint (r->length, ==, g_utf8_strlen (r->text->str, -1));
}

static void
test_blocks (void)
{
  g_autoptr(CairnGuideRender) r = cairn_guide_render (
    "# 지침 {#guide}\n\nIntro.\n\n## Cars\n\n> Quoted *rule*.\n\n"
    "- one\n- two\n  1. nested\n\n```\ncode here\n```\n\n---\n\n###### Small\n");
  const CairnGuideMark *m;

  g_assert_cmpstr (r->text->str, ==, "지침\n\nIntro.\n\nCars\n\nQuoted rule.\n\n• one\n• two\n"
                   "1. nested\n\ncode here\n\n――――――――――――――――――――\n\nSmall");
  ASSERT_TAGGED (r, "h1", 0, "지침");
  ASSERT_TAGGED (r, "h2", 0, "Cars");
  ASSERT_TAGGED (r, "h6", 0, "Small");
  ASSERT_TAGGED (r, "paragraph", 0, "Intro.");
  ASSERT_TAGGED (r, "quote", 0, "Quoted rule.\n");
  ASSERT_TAGGED (r, "emphasis", 0, "rule");
  ASSERT_TAGGED (r, "bullet", 0, "• ");
  ASSERT_TAGGED (r, "bullet", 2, "1. ");
  ASSERT_TAGGED (r, "list-item", 0, "• one\n");
  ASSERT_TAGGED (r, "indent-1", 0, "• one\n");
  ASSERT_TAGGED (r, "indent-2", 0, "1. nested\n");
  ASSERT_TAGGED (r, "code-block", 0, "code here");
  ASSERT_TAGGED (r, "rule", 0, "――――――――――――――――――――");
  /* The table of contents: one mark per heading, with the doc's anchors. */
  g_assert_cmpuint (r->marks->len, ==, 3);
  m = cairn_guide_render_find_mark (r, "guide");
  g_assert_nonnull (m);
  g_assert_cmpstr (m->title, ==, "지침");
  g_assert_cmpuint (m->offset, ==, 0);
  m = cairn_guide_render_find_mark (r, "cars");
  g_assert_cmpint (m->level, ==, 2);
  g_assert_cmpuint (m->offset, ==, g_utf8_strlen ("지침\n\nIntro.\n\n", -1));
  g_assert_nonnull (cairn_guide_render_span_at (r, m->offset, "h2"));
  g_assert_null (cairn_guide_render_span_at (r, m->offset, "h1"));
}

static void
test_table (void)
{
  g_autoptr(CairnGuideRender) r = cairn_guide_render (
    "| 라벨 | Rule | n |\n|:---|:---:|---:|\n| 버스 | box | 1 |\n| car \\| van | rbox | 12 |\n");

  /* Columns padded to their display width: Hangul counts two. */
  g_assert_cmpstr (r->text->str, ==,
                   "라벨      | Rule |   n\n"
                   "----------+------+----\n"
                   "버스      | box  |   1\n"
                   "car | van | rbox |  12");
  ASSERT_TAGGED (r, "table-header", 0, "라벨      | Rule |   n\n");
  ASSERT_TAGGED (r, "table", 0, r->text->str);
  g_assert_null (tagged (r, "paragraph", 0));
}

static void
test_not_a_table (void)
{
  g_autoptr(CairnGuideRender) r = cairn_guide_render ("a | b\nno separator\n");

  g_assert_cmpstr (r->text->str, ==, "a | b no separator");
  g_assert_null (tagged (r, "table", 0));
}

static void
test_sections (void)
{
  g_autoptr(CairnGuideDoc) doc = cairn_guide_doc_new (
    "Preamble.\n\n# Guide\n\n## Parked cars!\nRule.\n\n### Detail\nMore.\n\n## Car {#vehicle}\n"
    "x\n\n## Car\ny\n\n## 보행자\nz\n");
  const CairnGuideSection *s;
  g_autofree char *text = NULL, *own = NULL;

  g_assert_cmpuint (doc->sections->len, ==, 7);
  s = g_ptr_array_index (doc->sections, 0);
  g_assert_cmpstr (s->anchor, ==, "top");
  g_assert_cmpint (s->level, ==, 0);
  s = cairn_guide_doc_find (doc, "parked-cars");
  g_assert_nonnull (s);
  g_assert_cmpstr (s->title, ==, "Parked cars!");
  text = cairn_guide_doc_section_text (doc, s);
  g_assert_cmpstr (text, ==, "## Parked cars!\nRule.\n\n### Detail\nMore.\n\n");
  own = cairn_guide_doc_section_own_text (doc, s);
  g_assert_cmpstr (own, ==, "## Parked cars!\nRule.\n\n");
  g_assert_cmpint (cairn_guide_doc_find (doc, "detail")->parent, ==, 2);
  g_assert_cmpstr (cairn_guide_doc_find (doc, "vehicle")->title, ==, "Car");
  /* The second "Car" gets the plain slug: the first named its own anchor. */
  g_assert_nonnull (cairn_guide_doc_find (doc, "car"));
  g_assert_nonnull (cairn_guide_doc_find (doc, "보행자"));
  /* Labels: the schema's anchor first, else the heading that is the name. */
  g_assert_cmpstr (cairn_guide_doc_label_section (doc, "CAR", NULL)->anchor, ==, "vehicle");
  g_assert_cmpstr (cairn_guide_doc_label_section (doc, "car", "parked-cars")->anchor, ==,
                   "parked-cars");
  g_assert_cmpstr (cairn_guide_doc_label_section (doc, "car", "gone")->anchor, ==, "vehicle");
  g_assert_null (cairn_guide_doc_label_section (doc, "bus", NULL));
}

static void
test_slugs (void)
{
  g_autofree char *a = cairn_guide_slug ("  Parked  cars: (v2)! ");
  g_autofree char *b = cairn_guide_slug ("?!");
  g_autofree char *c = cairn_guide_slug ("도로 표지판");
  g_autofree char *title = NULL, *title2 = NULL;
  g_autofree char *anchor = cairn_guide_split_anchor ("Car {#car-1}", &title);
  g_autofree char *none = cairn_guide_split_anchor ("Set {a, b}", &title2);

  g_assert_cmpstr (a, ==, "parked-cars-v2");
  g_assert_cmpstr (b, ==, "section");
  g_assert_cmpstr (c, ==, "도로-표지판");
  g_assert_cmpstr (anchor, ==, "car-1");
  g_assert_cmpstr (title, ==, "Car");
  g_assert_null (none);
  g_assert_cmpstr (title2, ==, "Set {a, b}");
}

static void
test_diff_lines (void)
{
  g_autofree char *same = cairn_guide_diff_lines ("a\nb\n", "a\nb\n");
  g_autofree char *d = cairn_guide_diff_lines ("1\n2\n3\n4\n5\n6\n", "1\n2\n3\nfour\n5\n6\n");
  g_autofree char *added = cairn_guide_diff_lines (NULL, "x\n");

  g_assert_null (same);
  g_assert_cmpstr (d, ==, "…\n  3\n- 4\n+ four\n  5\n…\n");
  g_assert_cmpstr (added, ==, "+ x\n");
}

static void
test_diff_sections (void)
{
  g_autoptr(CairnGuideDoc) a = cairn_guide_doc_new ("# G\n## Car\nold\n## Bus\nsame\n## Gone\nx\n");
  g_autoptr(CairnGuideDoc) b = cairn_guide_doc_new ("# G\n## Car\nnew\n## Bus\nsame\n## New\ny\n");
  g_autoptr(GPtrArray) changes = cairn_guide_diff (a, b);
  const CairnSectionChange *c;

  g_assert_cmpuint (changes->len, ==, 3);
  c = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (c->anchor, ==, "car");
  g_assert_cmpint (c->kind, ==, CAIRN_SECTION_CHANGED);
  g_assert_cmpstr (c->diff, ==, "  ## Car\n- old\n+ new\n");
  c = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (c->anchor, ==, "new");
  g_assert_cmpint (c->kind, ==, CAIRN_SECTION_ADDED);
  c = g_ptr_array_index (changes, 2);
  g_assert_cmpstr (c->anchor, ==, "gone");
  g_assert_cmpint (c->kind, ==, CAIRN_SECTION_REMOVED);
}

void
guide_add_render_tests (void)
{
  g_test_add_func ("/guide/render/inline", test_inline);
  g_test_add_func ("/guide/render/blocks", test_blocks);
  g_test_add_func ("/guide/render/table", test_table);
  g_test_add_func ("/guide/render/not-a-table", test_not_a_table);
  g_test_add_func ("/guide/doc/sections", test_sections);
  g_test_add_func ("/guide/doc/slugs", test_slugs);
  g_test_add_func ("/guide/diff/lines", test_diff_lines);
  g_test_add_func ("/guide/diff/sections", test_diff_sections);
}
