"""Functional tests: boot the service, wait for it, query it."""

import time

import requests

BASE_URL = "http://127.0.0.1:8080"
IMAGE_ID = "4f9c2a7e-1d3b-4c55-9a8e-2b7f6d1e0c3a"
ADMIN_PASSWORD = "s3cr3t-for-tests"


def wait_until_ready(timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if requests.get(f"{BASE_URL}/version").ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise TimeoutError("service did not start")


def test_search_finds_items():
    wait_until_ready()
    response = requests.get(f"{BASE_URL}/search", params={"q": "bolt"}, auth=("admin", ADMIN_PASSWORD))
    assert response.status_code == 200


def test_item_uses_image():
    wait_until_ready()
    response = requests.get(f"{BASE_URL}/items/{IMAGE_ID}")
    assert response.status_code in (200, 404)
