/* make-demo-project DIR [N]: the UI fixture plus a few dozen more items, and N short texts
 * (to feel a big list), to look at the window (screenshots); not a test. */
#include "ui-fixture.h"

int
main (int argc, char *argv[])
{
  g_autoptr(Fixture) f = NULL;
  g_autoptr(GError) error = NULL;
  static const char *texts[] = {
    "서울의 봄은 짧지만 벚꽃이 피면 온 도시가 분홍빛으로 물든다.",
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "부산에서 출발한 기차는 오후 세 시에 대전역에 도착했다.",
  };

  guint extra = argc == 3 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 0;

  if (argc != 2 && argc != 3)
    {
      g_printerr ("Usage: make-demo-project DIR [N]\n");
      return 2;
    }
  f = fixture_new_in (argv[1]);
  g_assert_true (cairn_store_begin (f->store, &error));
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo-%02u.png", i);
      guint32 rgb = 0x404040 + (i * 0x0a1f2b) % 0xa0a0a0;
      gint64 id = fixture_add_image (f, name, 640 + 40 * (i % 5), 480, 1, rgb,
                                     (CairnItemState) (i % 6), FALSE);
      double box[] = { 40 + 10 * (i % 7), 60, 200, 150 + 10 * (i % 4) };
      double box2[] = { 330, 200, 180, 140 };

      fixture_add_annotation (f, fixture_shape (id, i % 2 ? f->cat : f->dog, CAIRN_KIND_BOX, box,
                                                4));
      if (i % 3 == 0)
        fixture_add_annotation (f, fixture_shape (id, f->saram, CAIRN_KIND_BOX, box2, 4));
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);
      double span[] = { 0, 2 };

      item->text = g_strdup (texts[i]);
      g_assert_true (cairn_store_add_item (f->store, item, &error));
      fixture_add_annotation (f, fixture_shape (item->id, f->saram, CAIRN_KIND_SPAN, span, 2));
    }
  for (guint i = 0; i < extra; i++)
    {
      g_autoptr(CairnItem) item = cairn_item_new (CAIRN_ITEM_TEXT);

      item->text = g_strdup_printf ("문장 %u: a short text to label", i);
      item->state = (CairnItemState) (i % 3);
      g_assert_true (cairn_store_add_item (f->store, item, &error));
    }
  g_assert_true (cairn_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_print ("%s\n", f->path);
  return 0;
}
