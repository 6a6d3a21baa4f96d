"""Clients for the API tests: the public, a Panel member and democratic services staff."""

import pytest
from django.test import Client


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def member(member_user):
    client = Client()
    client.force_login(member_user)
    return client


@pytest.fixture
def staff(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client
