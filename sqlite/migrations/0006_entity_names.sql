-- 0006_entity_names: how many entity rows carry each (entity id, name,
-- type), kept by triggers on entities. Linking entities across articles
-- after an ingest reads the names of every corpus entity; from this table
-- that costs one row per distinct name of an entity instead of one per
-- mention in an article (1.6 million rows for 100,000 articles), and the
-- article counts are then read for the few entities that matter.
CREATE TABLE entity_names (
    entity_id TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    n         INTEGER NOT NULL,   -- entities rows with these three values
    PRIMARY KEY (entity_id, name, type)
) WITHOUT ROWID;

INSERT INTO entity_names (entity_id, name, type, n)
    SELECT entity_id, name, type, count(*) FROM entities GROUP BY entity_id, name, type;

CREATE TRIGGER entity_names_insert AFTER INSERT ON entities BEGIN
    INSERT INTO entity_names (entity_id, name, type, n) VALUES (new.entity_id, new.name, new.type, 1)
        ON CONFLICT (entity_id, name, type) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER entity_names_delete AFTER DELETE ON entities BEGIN
    UPDATE entity_names SET n = n - 1
        WHERE entity_id = old.entity_id AND name = old.name AND type = old.type;
    DELETE FROM entity_names
        WHERE entity_id = old.entity_id AND name = old.name AND type = old.type AND n <= 0;
END;

CREATE TRIGGER entity_names_update AFTER UPDATE OF entity_id, name, type ON entities BEGIN
    UPDATE entity_names SET n = n - 1
        WHERE entity_id = old.entity_id AND name = old.name AND type = old.type;
    DELETE FROM entity_names
        WHERE entity_id = old.entity_id AND name = old.name AND type = old.type AND n <= 0;
    INSERT INTO entity_names (entity_id, name, type, n) VALUES (new.entity_id, new.name, new.type, 1)
        ON CONFLICT (entity_id, name, type) DO UPDATE SET n = n + 1;
END;
