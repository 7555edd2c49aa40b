#pragma once

#include "cairn-store-private.h"

/* Schema migrations: migrations[v] brings a file from user_version v to v + 1. */
static const char *const cairn_store_migrations[] = {
  /* 0 → 1: the first schema. */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  "CREATE TABLE annotators ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
  "  role TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'reviewer', 'admin')));"
  "CREATE TABLE items ("
  "  id INTEGER PRIMARY KEY, kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),"
  "  uri TEXT, name TEXT, sha256 TEXT, width INTEGER NOT NULL DEFAULT 0, height INTEGER NOT NULL DEFAULT 0,"
  "  orientation INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0, text TEXT,"
  "  meta TEXT, split TEXT, state INTEGER NOT NULL DEFAULT 0, flags INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL);"
  "CREATE INDEX items_sha256 ON items (sha256);"
  "CREATE INDEX items_uri ON items (uri);"
  /* name: the uri's basename, so formats that name images by file find them fast. */
  "CREATE INDEX items_name ON items (name);"
  "CREATE INDEX items_kind_state ON items (kind, state);"
  /* Embedded media apart from items, so listing items never reads blobs. */
  "CREATE TABLE media (item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE labels ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, color TEXT NOT NULL, hotkey TEXT,"
  "  parent_id INTEGER REFERENCES labels (id) ON DELETE SET NULL,"
  "  kinds INTEGER NOT NULL DEFAULT 0, attributes TEXT, skeleton TEXT);"
  "CREATE TABLE guidelines ("
  "  version INTEGER PRIMARY KEY, title TEXT, body TEXT NOT NULL, created INTEGER NOT NULL,"
  "  author_id INTEGER REFERENCES annotators (id));"
  "CREATE TABLE edge_cases ("
  "  id INTEGER PRIMARY KEY, guideline_version INTEGER REFERENCES guidelines (version),"
  "  item_id INTEGER REFERENCES items (id) ON DELETE SET NULL, title TEXT NOT NULL, body TEXT,"
  "  created INTEGER NOT NULL);"
  /* One row per annotation; geometry is compact JSON (see cairn-annotation.h). */
  "CREATE TABLE annotations ("
  "  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER REFERENCES annotators (id),"
  "  label_id INTEGER REFERENCES labels (id),"
  "  kind INTEGER NOT NULL, geometry TEXT, text TEXT, speaker TEXT, attributes TEXT,"
  "  origin INTEGER NOT NULL DEFAULT 0, score REAL, guideline_version INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX annotations_item ON annotations (item_id, deleted);"
  "CREATE INDEX annotations_label ON annotations (label_id);"
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, annotator_id INTEGER, action TEXT NOT NULL,"
  "  target TEXT NOT NULL, row_id INTEGER, before TEXT, after TEXT);"
  /* Live annotation counts per (kind, label), kept by triggers so `cairn info` is instant. */
  "CREATE TABLE annotation_counts ("
  "  kind INTEGER NOT NULL, label_id INTEGER NOT NULL, n INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, label_id)) WITHOUT ROWID;"
  CAIRN_STORE_COUNT_INSERT_TRIGGER
  "CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations WHEN old.deleted = 0 BEGIN"
  "  UPDATE annotation_counts SET n = n - 1"
  "    WHERE kind = old.kind AND label_id = coalesce (old.label_id, 0);"
  "END;"
  "CREATE TRIGGER annotations_count_update AFTER UPDATE OF kind, label_id, deleted ON annotations"
  " BEGIN"
  "  UPDATE annotation_counts SET n = n - 1"
  "    WHERE old.deleted = 0 AND kind = old.kind AND label_id = coalesce (old.label_id, 0);"
  "  INSERT INTO annotation_counts SELECT new.kind, coalesce (new.label_id, 0), 1"
  "    WHERE new.deleted = 0 ON CONFLICT DO UPDATE SET n = n + 1;"
  "END;",
  /* 1 → 2: no query looks annotations up by label (counts come from annotation_counts), and
   * keeping the index was a tenth of a million-annotation import and of the file. Removing a
   * label now reads the table once. */
  "DROP INDEX IF EXISTS annotations_label;",
  /* 2 → 3: the edit log behind undo and redo (app/edit/). Each edit is one row, kept per
   * annotator so undo survives a restart; state 0 = done, 1 = undone (redoable), 2 = undone
   * and left behind by a newer edit. History rows name the edit that wrote them. */
  "CREATE TABLE edits ("
  "  id INTEGER PRIMARY KEY, annotator_id INTEGER REFERENCES annotators (id),"
  "  at INTEGER NOT NULL, state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2),"
  "  body TEXT NOT NULL);"
  "CREATE INDEX edits_annotator ON edits (annotator_id, state, id);"
  "ALTER TABLE history ADD COLUMN edit_id INTEGER;"
  "CREATE INDEX history_row ON history (target, row_id);",
  /* 3 → 4: flags, why an item or an annotation needs another look (cairn-store-flags.c):
   * reason is a short word (recheck, agreement, rule, label-error, annotator...), detail the
   * text a reviewer reads. Resolved flags stay, as the record of what was checked. */
  "CREATE TABLE flags ("
  "  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
  "  annotation_id INTEGER REFERENCES annotations (id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL, detail TEXT, annotator_id INTEGER REFERENCES annotators (id),"
  "  created INTEGER NOT NULL, resolved INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX flags_item ON flags (item_id, resolved);"
  "CREATE INDEX flags_reason ON flags (reason, resolved);",
  /* 4 → 5: what is worked out from an item's media and kept so it need not be again (the
   * audio pane's peaks, cairn-store-cache.c). key names the media it was made from (SHA-256,
   * size, time): a changed file misses. Not project data: no history, no export. */
  "CREATE TABLE media_cache ("
  "  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,"
  "  PRIMARY KEY (item_id, kind)) WITHOUT ROWID;",
  /* 5 → 6: what the guideline work needs (app/guide/, cairn-store-guide.c): a change summary
   * per guideline version; the section a label links to when its heading is not the label's
   * name; an edge-case note's state (0 open, 1 answered, 2 resolved, 3 promoted), author,
   * label, annotation, region (JSON: a box, a span or a segment), answer and the version it was
   * promoted into. Plain columns, no constraints: a note outlives its label and the rows are
   * checked as they are read. */
  "ALTER TABLE guidelines ADD COLUMN summary TEXT;"
  "ALTER TABLE labels ADD COLUMN guideline_anchor TEXT;"
  "ALTER TABLE edge_cases ADD COLUMN state INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE edge_cases ADD COLUMN author_id INTEGER;"
  "ALTER TABLE edge_cases ADD COLUMN label_id INTEGER;"
  "ALTER TABLE edge_cases ADD COLUMN annotation_id INTEGER;"
  "ALTER TABLE edge_cases ADD COLUMN region TEXT;"
  "ALTER TABLE edge_cases ADD COLUMN answer TEXT;"
  "ALTER TABLE edge_cases ADD COLUMN answered_by INTEGER;"
  "ALTER TABLE edge_cases ADD COLUMN promoted_version INTEGER;"
  "CREATE INDEX edge_cases_state ON edge_cases (state);",
  /* 6 → 7: teams (app/team/). An annotation's identity across files is its uid, or, while
   * that is NULL (every row this file made itself), "INSTANCE/ID" with the file's instance
   * id from meta: so existing and imported rows need no writing, and a package's new rows
   * name themselves without writing to the package. Assignments: who works on which item,
   * in queue order. package_base: each annotation (and item state) as a package last saw it
   * — in a package as packaged, in the project as last merged — the common ancestor merge
   * compares both sides with. reviews: every accept, reject or re-check with its comment. */
  "ALTER TABLE annotations ADD COLUMN uid TEXT;"
  "CREATE INDEX annotations_uid ON annotations (uid) WHERE uid IS NOT NULL;"
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('instance', lower (hex (randomblob (16))));"
  "CREATE TABLE assignments ("
  "  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
  "  annotator_id INTEGER NOT NULL REFERENCES annotators (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, overlap INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL,"
  "  PRIMARY KEY (annotator_id, item_id)) WITHOUT ROWID;"
  "CREATE INDEX assignments_item ON assignments (item_id);"
  "CREATE INDEX assignments_queue ON assignments (annotator_id, position);"
  "CREATE TABLE package_base ("
  "  package TEXT NOT NULL, uid TEXT NOT NULL, digest TEXT NOT NULL,"
  "  PRIMARY KEY (package, uid)) WITHOUT ROWID;"
  "CREATE TABLE reviews ("
  "  id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,"
  "  reviewer_id INTEGER REFERENCES annotators (id), state TEXT NOT NULL, comment TEXT,"
  "  at INTEGER NOT NULL);"
  "CREATE INDEX reviews_item ON reviews (item_id, id);",
  /* 7 → 8: pictures a guideline shows, by the name its Markdown gives them. A version sees,
   * for each name, the picture stored at or before it: a version that changes a picture adds
   * a row, one that keeps it adds none, and older versions still show their own. */
  "CREATE TABLE guideline_images ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL, data BLOB NOT NULL, UNIQUE (name, version));",
};
