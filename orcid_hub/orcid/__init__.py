"""Everything the hub does with ORCID: OAuth, the Member API v3.0, the work model.

Start from :class:`orcid_hub.orcid.client.OrcidClient` (``.oauth`` and ``.api``).

========================  ======================================================
``client``                the facade: one member client id, its transport, OAuth, API
``oauth``                 authorize URL, callback check, code exchange, refresh, revoke
``api``                   Member API calls: record, works, affiliations, funding, webhooks
``transport``             one HTTP call: rate limit, timeout, retries, the call log
``ratelimit``             the per-client-id token bucket shared by a process's threads
``errors``                typed failures and :func:`~errors.error_from_response`
``model``                 typed values: Work, Affiliation, Funding, TokenResponse, ...
``validation``            ORCID's semantic rules, checked before anything is sent
``identifiers``           DOI / ISSN / ISBN normalisation (as ORCID compares them)
``vocab``                 ORCID's controlled vocabularies
``xml`` / ``xml_write``   namespaces, the hardened parser, serialisers (XSD order)
``xml_read``/``json_read``  parsers of ORCID's XML and v3.0 JSON answers
``schema``                optional run-time check against ORCID's official XSDs
``ids``                   ORCID iD check digit and normalisation
========================  ======================================================
"""
