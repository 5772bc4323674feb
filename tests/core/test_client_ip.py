import pytest
from django.contrib.auth import get_user_model

from core.client_ip import client_ip, client_network


@pytest.fixture
def behind_a_local_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.9", "", "203.0.113.9"),
        ("203.0.113.9", "9.9.9.9", "203.0.113.9"),  # not from a proxy: header ignored
        ("127.0.0.1", "198.51.100.4", "198.51.100.4"),
        ("127.0.0.1", "9.9.9.9, 198.51.100.4", "198.51.100.4"),  # forged left part ignored
        ("127.0.0.1", "198.51.100.4, 10.1.2.3", "198.51.100.4"),  # two trusted hops
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
        # Proxies that write the client's port: the address still counts, not the proxy's.
        ("127.0.0.1", "198.51.100.4:5678", "198.51.100.4"),
        ("127.0.0.1", "[2001:db8::1]:443", "2001:db8::1"),
        ("127.0.0.1", "[2001:db8::1]", "2001:db8::1"),
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
        ("127.0.0.1", "9.9.9.9, 198.51.100.4:80, 10.1.2.3:8080", "198.51.100.4"),
        ("127.0.0.1", "[not-an-address]:443", "127.0.0.1"),
    ],
)
def test_client_address(rf, behind_a_local_proxy, remote, forwarded, expected):
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_without_trusted_proxies_the_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert client_ip(request) == "127.0.0.1"


@pytest.mark.django_db
def test_a_forged_header_does_not_lift_a_login_lockout(client, settings, behind_a_local_proxy):
    get_user_model().objects.create_user("agent", password="le-bon-mot-de-passe", is_staff=True)
    attacker = "203.0.113.66"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": "agent", "password": "faux"},
            REMOTE_ADDR=attacker,
        )
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "agent", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR=attacker,
        HTTP_X_FORWARDED_FOR="9.9.9.9",
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_spraying_user_names_from_one_address_is_locked_out(client, settings):
    for index in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": f"agent{index}", "password": "faux"},
            REMOTE_ADDR="203.0.113.67",
        )
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "autre", "password": "faux"},
        REMOTE_ADDR="203.0.113.67",
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("remote", "network"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::"),
        ("2001:db8:1:2::1", "2001:db8:1:2::"),
        ("::ffff:203.0.113.9", "::ffff:203.0.113.9"),
    ],
)
def test_the_login_lockout_counts_an_ipv6_client_by_its_64(rf, remote, network):
    assert client_network(rf.get("/", REMOTE_ADDR=remote)) == network


@pytest.mark.django_db
def test_twelve_addresses_of_one_ipv6_64_are_locked_out_together(client, settings):
    get_user_model().objects.create_user("agent", password="le-bon-mot-de-passe", is_staff=True)
    for host in range(1, 13):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": "agent", "password": "faux"},
            REMOTE_ADDR=f"2001:db8:1:2::{host:x}",
        )
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "agent", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="2001:db8:1:2::ff",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another network is not held up.
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "agent", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="2001:db8:1:3::1",
    )
    assert response.status_code == 302
