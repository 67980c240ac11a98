"""Settings loaded from a YAML file."""

import yaml


def load_settings(path):
    with open(path) as handle:
        return yaml.load(handle, Loader=yaml.Loader)
