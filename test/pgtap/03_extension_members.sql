-- Everything toon-related in the database belongs to extension toon (what
-- `\dx+ toon` lists), so DROP EXTENSION removes it all and pg_dump does not
-- dump it separately; each member says what it is for (COMMENT).
SET client_min_messages = warning;
BEGIN;
SELECT * FROM no_plan();

CREATE TEMP VIEW toon_members AS
SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS what
  FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
 WHERE e.extname = 'toon' AND d.deptype = 'e';

SELECT ok(EXISTS (SELECT 1 FROM toon_members WHERE classid = 'pg_type'::regclass AND objid = 'toon'::regtype),
          'type toon is a member of extension toon');

-- Functions named toon*/to_toon* or taking or returning toon.
SELECT ok(EXISTS (SELECT 1 FROM toon_members m WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid),
          p.oid::regprocedure::text || ' is a member of extension toon')
  FROM pg_proc p
 WHERE p.pronamespace <> 'pg_catalog'::regnamespace
   AND (p.proname ~ '^(to_)?toon' OR p.prorettype = 'toon'::regtype OR 'toon'::regtype = ANY (p.proargtypes::oid[]))
 ORDER BY p.oid::regprocedure::text;

-- Casts from or to toon.
SELECT ok(EXISTS (SELECT 1 FROM toon_members m WHERE m.classid = 'pg_cast'::regclass AND m.objid = c.oid),
          pg_describe_object('pg_cast'::regclass, c.oid, 0) || ' is a member of extension toon')
  FROM pg_cast c
 WHERE c.castsource = 'toon'::regtype OR c.casttarget = 'toon'::regtype
 ORDER BY pg_describe_object('pg_cast'::regclass, c.oid, 0);

-- Operators on toon.
SELECT ok(EXISTS (SELECT 1 FROM toon_members m WHERE m.classid = 'pg_operator'::regclass AND m.objid = o.oid),
          o.oid::regoperator::text || ' is a member of extension toon')
  FROM pg_operator o
 WHERE 'toon'::regtype IN (o.oprleft, o.oprright, o.oprresult)
 ORDER BY o.oid::regoperator::text;

-- Every member type and cast has a COMMENT (functions: 01_every_function.sql).
SELECT ok(coalesce(btrim(obj_description(objid, 'pg_type')), '') <> '', what || ' has a COMMENT')
  FROM toon_members
 WHERE classid = 'pg_type'::regclass
   AND (SELECT typcategory <> 'A' FROM pg_type WHERE oid = objid)
 ORDER BY what;
SELECT ok(coalesce(btrim(obj_description(objid, 'pg_cast')), '') <> '', what || ' has a COMMENT')
  FROM toon_members WHERE classid = 'pg_cast'::regclass ORDER BY what;

SELECT * FROM finish();
ROLLBACK;
