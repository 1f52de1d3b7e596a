from connectors.worktypes import (
    COAR,
    ORCID_WORK_TYPES,
    coar_to_orcid,
    eurepo_to_coar,
    orcid_to_coar,
)


def test_coar_to_orcid_known_and_unknown() -> None:
    assert coar_to_orcid("http://purl.org/coar/resource_type/c_6501") == "journal-article"
    assert coar_to_orcid("c_5794") == "conference-paper"
    assert coar_to_orcid("http://purl.org/coar/resource_type/c_18hj") == "other"
    assert coar_to_orcid(None) == "other"


def test_every_mapped_type_is_an_orcid_type_and_round_trips() -> None:
    for concept in ("c_6501", "c_2f33", "c_3248", "c_ddb1", "c_5ce6", "c_15cd", "c_f744"):
        orcid = coar_to_orcid(concept)
        assert orcid in ORCID_WORK_TYPES
        back = orcid_to_coar(orcid)
        assert back is not None and coar_to_orcid(back) == orcid
    assert orcid_to_coar("journal-article") == COAR + "c_6501"
    assert orcid_to_coar("trademark") is None


def test_eurepo_types() -> None:
    assert eurepo_to_coar("info:eu-repo/semantics/article") == COAR + "c_6501"
    assert eurepo_to_coar("info:eu-repo/semantics/doctoralThesis") == COAR + "c_db06"
    assert eurepo_to_coar("text") is None
