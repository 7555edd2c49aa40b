#include <math.h>

#include <glib/gstdio.h>

#include "text-test-util.h"

typedef struct
{
  double      start;
  double      end;
  const char *text;
  const char *speaker;
  const char *attributes;  /* JSON, members sorted by name */
} Segment;

static void
assert_segments (CairnStore *store, const char *item_key, const Segment *expected, guint n)
{
  g_autoptr(GPtrArray) list = test_item_annotations (store, item_key, NULL);

  g_assert_cmpuint (list->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const CairnAnnotation *a = NULL;
      g_autofree char *json = NULL;

      /* Stored order is import order; match by start and speaker. */
      for (guint k = 0; k < list->len && a == NULL; k++)
        {
          const CairnAnnotation *c = list->pdata[k];
          if (fabs (g_array_index (c->coords, double, 0) - expected[i].start) < 1e-6
              && g_strcmp0 (c->speaker, expected[i].speaker) == 0)
            a = c;
        }
      if (a == NULL)
        g_error ("no segment at %.3f ms by %s", expected[i].start, expected[i].speaker);
      g_assert_cmpint (a->kind, ==, CAIRN_KIND_SEGMENT);
      g_assert_cmpfloat_with_epsilon (g_array_index (a->coords, double, 1), expected[i].end, 1e-6);
      g_assert_cmpstr (a->text, ==, expected[i].text);
      json = test_json_sorted (a->attributes);
      g_assert_cmpstr (json, ==, expected[i].attributes);
    }
}

static void
test_srt (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("srt/interview.srt");
  g_autoptr(CairnImportReport) report = test_import (p, "srt", path, NULL);
  const Segment expected[] = {
    { 500, 2750, "Hello, and welcome.", "Alice", "{}" },
    { 3000, 5250, "안녕하세요, 반갑습니다.\n두 번째 줄입니다.", "김민수", "{}" },
    { 6000, 7100, "<i>[music]</i>", NULL, "{\"cue_settings\":\"X1:100 X2:300 Y1:10 Y2:50\"}" },
  };
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) unused = NULL;

  /* No audio beside it: a reference to the missing file, with a warning. */
  g_assert_cmpuint (report->items_added, ==, 1);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_nonnull (strstr (report->warnings->pdata[0], "no audio file interview.wav"));
  unused = test_item_annotations (p->store, "interview.wav", &item);
  g_assert_cmpint (item->kind, ==, CAIRN_ITEM_AUDIO);
  assert_segments (p->store, "interview.wav", expected, G_N_ELEMENTS (expected));
}

static void
test_vtt (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *path = test_data_path ("vtt/interview.vtt");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "vtt", path, NULL);
  const Segment expected[] = {
    { 500, 2750, "Hello, and welcome.", "Alice",
      "{\"cue_id\":\"intro\",\"cue_settings\":\"align:start position:10%\"}" },
    { 3000, 5250, "안녕하세요, &amp; 반갑습니다.\n두 번째 줄입니다.", "김민수",
      "{\"voice_classes\":\".loud\"}" },
    { 6000, 7100, "<i>music</i> &lt;3", NULL, "{}" },
  };

  assert_segments (p->store, "interview.wav", expected, G_N_ELEMENTS (expected));
}

static const Segment textgrid_expected[] = {
  { 500, 2750, "Hello, and \"welcome\".", "Alice", "{}" },
  { 3000, 5250, "안녕하세요, 반갑습니다.", "김민수", "{}" },
  { 1250, 1250, "cough", "events", "{\"textgrid_point\":true}" },
  { 6500, 6500, "door", "events", "{\"textgrid_point\":true}" },
};

static void
test_textgrid_forms (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(TestProject) s = test_project_new ();
  g_autoptr(TestProject) u = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path ("textgrid/interview.TextGrid");
  g_autofree char *short_path = test_data_path ("textgrid/short.TextGrid");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r1 = test_import (p, "textgrid", path, NULL);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r2 = test_import (s, "textgrid", short_path, NULL);
  g_autoptr(CairnImportReport) r3 = NULL;
  g_autofree char *long_text = NULL, *utf16 = NULL, *with_bom = NULL, *utf16_path = NULL;
  g_autofree char *snap_p = NULL, *snap_u = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) unused = NULL;
  gsize n;

  assert_segments (p->store, "interview.wav", textgrid_expected, G_N_ELEMENTS (textgrid_expected));
  /* The reference takes the TextGrid's length as the audio's duration. */
  unused = test_item_annotations (p->store, "interview.wav", &item);
  g_assert_cmpint (item->duration_ms, ==, 8000);
  /* The short form says the same things. */
  {
    const Segment short_expected[] = { textgrid_expected[0], textgrid_expected[2] };
    assert_segments (s->store, "short.wav", short_expected, G_N_ELEMENTS (short_expected));
  }
  /* Praat's UTF-16 files read the same as UTF-8 ones. */
  g_file_get_contents (path, &long_text, NULL, &error);
  g_assert_no_error (error);
  utf16 = g_convert (long_text, -1, "UTF-16LE", "UTF-8", NULL, &n, &error);
  g_assert_no_error (error);
  with_bom = g_malloc (n + 2);
  with_bom[0] = (char) 0xFF;
  with_bom[1] = (char) 0xFE;
  memcpy (with_bom + 2, utf16, n);
  utf16_path = test_write_file (u, "interview.TextGrid", with_bom, n + 2);
  r3 = test_import (u, "textgrid", utf16_path, NULL);
  snap_p = test_snapshot (p->store);
  snap_u = test_snapshot (u->store);
  g_assert_cmpstr (snap_p, ==, snap_u);
}

/* A WAV of one second: 8 kHz, mono, 8 bits. */
static void
write_wav (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint8 wav[44 + 8000] = { 0 };
  const guint8 header[44] = {
    'R', 'I', 'F', 'F', 0x64, 0x1F, 0, 0, 'W', 'A', 'V', 'E',
    'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x40, 0x1F, 0, 0, 1, 0, 8, 0,
    'd', 'a', 't', 'a', 0x40, 0x1F, 0, 0,
  };

  memcpy (wav, header, sizeof header);
  memset (wav + 44, 128, 8000);
  g_file_set_contents (path, (const char *) wav, sizeof wav, &error);
  g_assert_no_error (error);
}

static void
test_audio_beside (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *srt = NULL, *vtt = NULL, *grid = NULL, *wav = NULL;
  g_autofree char *srt_data = NULL, *vtt_data = NULL, *grid_data = NULL;
  g_autofree char *srt_src = test_data_path ("srt/interview.srt");
  g_autofree char *vtt_src = test_data_path ("vtt/interview.vtt");
  g_autofree char *grid_src = test_data_path ("textgrid/interview.TextGrid");
  g_autoptr(CairnImportReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(CairnItem) item = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_file_get_contents (srt_src, &srt_data, NULL, NULL);
  g_file_get_contents (vtt_src, &vtt_data, NULL, NULL);
  g_file_get_contents (grid_src, &grid_data, NULL, NULL);
  srt = test_write_file (p, "media/talk.srt", srt_data, -1);
  vtt = test_write_file (p, "media/talk.en.vtt", vtt_data, -1);
  grid = test_write_file (p, "elsewhere/talk.TextGrid", grid_data, -1);
  wav = g_build_filename (p->dir, "media", "talk.wav", NULL);
  write_wav (wav);

  /* The audio beside the subtitles is imported and gets the segments. */
  r1 = test_import (p, "srt", srt, NULL);
  g_assert_cmpuint (r1->items_added, ==, 1);
  g_assert_cmpuint (r1->warnings->len, ==, 0);
  /* "talk.en.vtt" belongs to talk.wav too. */
  r2 = test_import (p, "vtt", vtt, NULL);
  g_assert_cmpuint (r2->items_added, ==, 0);
  /* No audio beside it, but the project has a talk.wav. */
  r3 = test_import (p, "textgrid", grid, NULL);
  g_assert_cmpuint (r3->items_added, ==, 0);
  g_assert_cmpuint (r3->warnings->len, ==, 0);
  list = test_item_annotations (p->store, "talk.wav", &item);
  g_assert_cmpstr (item->uri, ==, "media/talk.wav");
  g_assert_cmpint (item->duration_ms, ==, 1000);
  g_assert_cmpuint (list->len, ==, 3 + 3 + 4);
  g_assert_cmpint (cairn_store_count_items (p->store, -1), ==, 1);
}

static char *
read_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
round_trip (const char *format, const char *fixture, const char *exported_name)
{
  g_autoptr(TestProject) a = test_project_new ();
  g_autoptr(TestProject) b = test_project_new ();
  g_autofree char *path = test_data_path (fixture);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r1 = test_import (a, format, path, NULL);
  g_autofree char *out_a = test_export (a, format, "out", NULL);
  g_autofree char *exported = g_build_filename (out_a, exported_name, NULL);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r2 = test_import (b, format, exported, NULL);
  g_autofree char *out_b = test_export (b, format, "out", NULL);
  g_autofree char *snap_a = test_snapshot (a->store), *snap_b = test_snapshot (b->store);
  g_autofree char *file_a = read_file (out_a, exported_name);
  g_autofree char *file_b = read_file (out_b, exported_name);

  g_assert_cmpstr (snap_a, ==, snap_b);
  g_assert_cmpstr (file_a, ==, file_b);
}

static void
test_round_trips (void)
{
  round_trip ("srt", "srt/interview.srt", "interview.srt");
  round_trip ("vtt", "vtt/interview.vtt", "interview.vtt");
  round_trip ("textgrid", "textgrid/interview.TextGrid", "interview.TextGrid");
}

/* WebVTT voices become SRT speakers and back. */
static void
test_cross_format (void)
{
  g_autoptr(TestProject) a = test_project_new ();
  g_autoptr(TestProject) b = test_project_new ();
  g_autofree char *path = test_data_path ("vtt/interview.vtt");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r1 = test_import (a, "vtt", path, NULL);
  g_autofree char *out = test_export (a, "srt", "out", NULL);
  g_autofree char *srt = g_build_filename (out, "interview.srt", NULL);
  G_GNUC_UNUSED g_autoptr(CairnImportReport) r2 = test_import (b, "srt", srt, NULL);
  g_autofree char *file = read_file (out, "interview.srt");
  const Segment expected[] = {
    { 500, 2750, "Hello, and welcome.", "Alice",
      "{\"cue_settings\":\"align:start position:10%\"}" },
    { 3000, 5250, "안녕하세요, &amp; 반갑습니다.\n두 번째 줄입니다.", "김민수", "{}" },
    { 6000, 7100, "<i>music</i> &lt;3", NULL, "{}" },
  };

  g_assert_nonnull (strstr (file, "2\n00:00:03,000 --> 00:00:05,250\n[김민수]: 안녕하세요"));
  assert_segments (b->store, "interview.wav", expected, G_N_ELEMENTS (expected));
}

static void
add_segment (CairnStore *store, gint64 item, double start, double end, const char *speaker)
{
  g_autoptr(CairnAnnotation) a = cairn_annotation_new (CAIRN_KIND_SEGMENT);
  g_autoptr(GError) error = NULL;
  double coords[2] = { start, end };

  a->item_id = item;
  cairn_annotation_set_coords (a, coords, 2);
  cairn_annotation_set_text (a, "words");
  a->speaker = g_strdup (speaker);
  g_assert_true (cairn_store_add_annotation (store, a, &error));
}

static void
test_textgrid_overlap (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_AUDIO);
  g_autofree char *out = g_build_filename (p->dir, "out", NULL);
  g_autofree char *grid = NULL;
  CairnFormatOptions options = { 0 };

  item->uri = g_strdup ("a.wav");
  g_assert_true (cairn_store_add_item (p->store, item, &error));
  add_segment (p->store, item->id, 0, 1500, "A");
  add_segment (p->store, item->id, 1000, 2000, "B");
  g_assert_true (cairn_format_export (p->store, "textgrid", out, &options, &error));
  /* Overlapping speakers are separate tiers; gaps are empty intervals. */
  grid = read_file (out, "a.TextGrid");
  g_assert_nonnull (strstr (grid, "name = \"B\" \n        xmin = 0 \n        xmax = 2 \n"
                                  "        intervals: size = 2 \n"));
  add_segment (p->store, item->id, 1200, 1800, "A");
  g_assert_false (cairn_format_export (p->store, "textgrid", out, &options, &error));
  g_assert_error (error, CAIRN_FORMAT_ERROR, CAIRN_FORMAT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "a.TextGrid: segments of “A” overlap at 1.200 s"));
}

static void
test_malformed (void)
{
  g_autoptr(TestProject) p = test_project_new ();
  g_autofree char *good = test_data_path ("srt/interview.srt");
  G_GNUC_UNUSED g_autoptr(CairnImportReport) report = test_import (p, "srt", good, NULL);
  struct { const char *format, *fixture, *where, *what; } cases[] = {
    { "srt", "srt/bad-timing.srt", "bad-timing.srt:6:", "found “00:00:03,000 -> 00:00:04,000”" },
    { "srt", "srt/backwards.srt", "backwards.srt:2:", "ends before it starts" },
    { "srt", "srt/bad-start.srt", "bad-start.srt:1:", "expected a cue number or a timing line" },
    { "vtt", "vtt/no-header.vtt", "no-header.vtt:1:", "not a WebVTT file" },
    { "vtt", "vtt/bad-time.vtt", "bad-time.vtt:7:", "is not a timing line" },
    { "textgrid", "textgrid/bad-class.TextGrid", "bad-class.TextGrid:46:",
      "unknown tier class “PointTier”" },
    { "textgrid", "textgrid/truncated.TextGrid", "truncated.TextGrid:21:",
      "the file ends where an interval's xmax was expected" },
    { "textgrid", "textgrid/binary.TextGrid", "binary.TextGrid:1:", "not a Praat text file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = test_data_path (cases[i].fixture);
      test_import_fails (p, cases[i].format, path, cases[i].where, cases[i].what, NULL);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/transcripts/srt", test_srt);
  g_test_add_func ("/transcripts/vtt", test_vtt);
  g_test_add_func ("/transcripts/textgrid-forms", test_textgrid_forms);
  g_test_add_func ("/transcripts/audio-beside", test_audio_beside);
  g_test_add_func ("/transcripts/round-trips", test_round_trips);
  g_test_add_func ("/transcripts/cross-format", test_cross_format);
  g_test_add_func ("/transcripts/textgrid-overlap", test_textgrid_overlap);
  g_test_add_func ("/transcripts/malformed", test_malformed);
  return g_test_run ();
}
