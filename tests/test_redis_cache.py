"""The shared cache in production (panel.redis_cache): Django's Redis backend, reusing one
client per connection pool. Runs against the Redis of the machine (REDIS_URL, else
127.0.0.1:6379, database 15), as production runs against its own."""

import os

import pytest

from panel.redis_cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as error:
        message = f"No Redis at {REDIS_URL} ({error}): apt-get install redis-server"
        if os.environ.get("CI") == "true":
            pytest.fail(f"The Redis cache tests must run in CI, but {message}.")
        pytest.skip(message)
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{os.getpid()}"})
    yield cache
    cache.clear()


def test_values_go_in_and_come_out_as_with_djangos_backend(redis_cache):
    redis_cache.set("version", 41)
    assert redis_cache.incr("version") == 42
    assert redis_cache.add("version", 0) is False
    redis_cache.set_many({"page": {"body": "<p>Minutes</p>"}, "count": 3})

    assert redis_cache.get_many(["version", "page", "count", "absent"]) == {
        "version": 42,
        "page": {"body": "<p>Minutes</p>"},
        "count": 3,
    }
    redis_cache.delete("page")
    assert redis_cache.get("page", "gone") == "gone"


def test_every_operation_shares_one_client_per_pool(redis_cache):
    redis_cache.set("a", 1)
    first = redis_cache._cache.get_client("a", write=True)
    redis_cache.get("a")
    redis_cache.get_many(["a", "b"])

    assert redis_cache._cache.get_client("b", write=True) is first
    assert len(redis_cache._cache._clients) == 1
