from tests.conftest import as_user


def test_een_nieuwe_leerling_begint_in_de_interne_stage(client):
    body = {"naam": "Sem de Vries", "geboortedatum": "2011-04-02", "leerjaar": "2", "klas": "2A"}
    created = client.post("/api/leerlingen", json=body, headers=as_user("stagebegeleider"))
    assert created.status_code == 201
    shown = client.get(
        f"/api/leerlingen/{created.json()['id']}", headers=as_user("stagebegeleider")
    )
    assert shown.json()["state"] == "interne_stage"
    assert shown.json()["version"] == 1
