-- Everything an installation of extension toon consists of, one line per
-- fact, sorted and free of OIDs, so two databases can be compared with diff
-- (test/suites/80-upgrade.sh: ALTER EXTENSION UPDATE from 0.1.0 must equal a
-- fresh install). Members are found through pg_depend (deptype 'e').
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'toon'),
members AS (
    SELECT d.classid, d.objid, d.objsubid FROM pg_depend d, ext
     WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
)
SELECT line FROM (
    -- every member, whatever its kind (functions, types, casts, operators, ...)
    SELECT 'member ' || pg_describe_object(classid, objid, objsubid) AS line FROM members
    UNION ALL
    -- comments on members
    SELECT 'comment ' || pg_describe_object(m.classid, m.objid, m.objsubid) || ' = ' || d.description
      FROM members m JOIN pg_description d ON d.classoid = m.classid AND d.objoid = m.objid AND d.objsubid = m.objsubid
    UNION ALL
    -- functions: signature, result, argument names, modes and defaults, and
    -- every property the planner or a user can see
    SELECT format('function %s returns %s%s names=%s modes=%s defaults=%s kind=%s volatile=%s strict=%s parallel=%s '
                  'secdef=%s leakproof=%s cost=%s rows=%s lang=%s src=%s bin=%s config=%s acl=%s support=%s',
                  p.oid::regprocedure, CASE WHEN p.proretset THEN 'setof ' ELSE '' END, p.prorettype::regtype,
                  p.proargnames, p.proargmodes, pg_get_expr(p.proargdefaults, 0), p.prokind, p.provolatile,
                  p.proisstrict, p.proparallel, p.prosecdef, p.proleakproof, p.procost, p.prorows, l.lanname,
                  p.prosrc, p.probin, p.proconfig, p.proacl, p.prosupport)
      FROM members m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
      JOIN pg_language l ON l.oid = p.prolang
    UNION ALL
    -- types
    SELECT format('type %s len=%s byval=%s type=%s category=%s preferred=%s delim=%s in=%s out=%s recv=%s send=%s '
                  'typmodin=%s typmodout=%s analyze=%s subscript=%s align=%s storage=%s notnull=%s collation=%s '
                  'default=%s acl=%s',
                  t.oid::regtype, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typispreferred, t.typdelim,
                  t.typinput::regprocedure, t.typoutput::regprocedure, t.typreceive::regprocedure,
                  t.typsend::regprocedure, t.typmodin, t.typmodout, t.typanalyze, t.typsubscript, t.typalign,
                  t.typstorage, t.typnotnull, t.typcollation, t.typdefault, t.typacl)
      FROM members m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
    UNION ALL
    -- the type's array type (not a member itself, created with the type)
    SELECT format('array type %s element=%s in=%s out=%s', t.oid::regtype, t.typelem::regtype,
                  t.typinput::regprocedure, t.typoutput::regprocedure)
      FROM members m JOIN pg_type e ON m.classid = 'pg_type'::regclass AND e.oid = m.objid
      JOIN pg_type t ON t.oid = e.typarray
    UNION ALL
    -- casts
    SELECT format('cast %s -> %s function=%s context=%s method=%s', c.castsource::regtype, c.casttarget::regtype,
                  c.castfunc::regprocedure, c.castcontext, c.castmethod)
      FROM members m JOIN pg_cast c ON m.classid = 'pg_cast'::regclass AND c.oid = m.objid
    UNION ALL
    -- operators
    SELECT format('operator %s(%s, %s) returns %s code=%s commutator=%s negator=%s restrict=%s join=%s '
                  'merges=%s hashes=%s', o.oprname, o.oprleft::regtype, o.oprright::regtype, o.oprresult::regtype,
                  o.oprcode::regprocedure, o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin,
                  o.oprcanmerge, o.oprcanhash)
      FROM members m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
    UNION ALL
    -- operator classes and their operators and support functions
    SELECT format('opclass %s method=%s type=%s default=%s family=%s', c.opcname, a.amname, c.opcintype::regtype,
                  c.opcdefault, f.opfname)
      FROM members m JOIN pg_opclass c ON m.classid = 'pg_opclass'::regclass AND c.oid = m.objid
      JOIN pg_am a ON a.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
    UNION ALL
    SELECT format('opfamily %s member %s', f.opfname, pg_describe_object(d.classid, d.objid, d.objsubid))
      FROM members m JOIN pg_opfamily f ON m.classid = 'pg_opfamily'::regclass AND f.oid = m.objid
      JOIN pg_depend d ON d.refclassid = 'pg_opfamily'::regclass AND d.refobjid = f.oid
                      AND d.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass)
    UNION ALL
    -- aggregates
    SELECT format('aggregate %s sfunc=%s stype=%s final=%s combine=%s init=%s', a.aggfnoid::regprocedure,
                  a.aggtransfn, a.aggtranstype::regtype, a.aggfinalfn, a.aggcombinefn, a.agginitval)
      FROM members m JOIN pg_aggregate a ON m.classid = 'pg_proc'::regclass AND a.aggfnoid = m.objid
    UNION ALL
    -- the extension itself
    SELECT format('extension %s version=%s relocatable=%s schema=%s config=%s', e.extname, e.extversion,
                  e.extrelocatable, e.extnamespace::regnamespace, e.extconfig)
      FROM pg_extension e, ext WHERE e.oid = ext.oid
) facts
ORDER BY line;
