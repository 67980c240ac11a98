"""A gateway to a fixed upstream API: the URL is built in one module, fetched in another."""
