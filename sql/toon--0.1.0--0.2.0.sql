-- toon 0.1.0 -> 0.2.0 upgrade script (ALTER EXTENSION toon UPDATE TO '0.2.0').
-- Every object that 0.2.0 adds or changes relative to sql/toon--0.1.0.sql is
-- created or replaced here too; the upgrade test (test/suites, "upgrade")
-- checks that an updated 0.1.0 installation equals a fresh 0.2.0 one.
\echo Use "ALTER EXTENSION toon UPDATE TO '0.2.0'" to load this file. \quit
