"""Consortium management: the records the lead keeps for the annual deliverables.

How the package is put together:

- ``models``/``event_models``: the tables (every one audited);
- ``fields``: one field description and the one text parser (forms and files alike);
- ``registry`` with ``records``/``event_records``: each record type described once
  (fields, list columns, CSV names, year filter, key, scope, parent and children);
- ``services``: generic read/create/update/delete within a scope, never committing;
- ``io`` and ``importer``: CSV/XLSX export, and import checked in full before storing;
- ``views`` with ``pages`` and ``templates/consortium/``: one set of generic pages,
  under ``/consortium/`` for the lead and ``/institutions/<slug>/consortium/`` for an
  institution's admins (contacts and integrations only);
- ``plan``: yearly revisions of the development plan; ``demo``: the demo's year.
"""
