from datasets import load_dataset
from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoModel, AutoTokenizer
from transformers import AutoModelForCausalLM as LM

COMMIT = "4f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"


def load(name, rev):
    # expect: PY-HF-001
    AutoModel.from_pretrained("org/model")
    # expect: PY-HF-001
    AutoTokenizer.from_pretrained("org/model", revision="main")
    # expect: CWE-494
    LM.from_pretrained("org/model", trust_remote_code=True)
    # expect: PY-HF-001
    load_dataset("org/data", split="train")
    # expect: PY-HF-001
    hf_hub_download(repo_id="org/model", filename="model.safetensors")
    # expect: PY-HF-001
    snapshot_download("org/model", revision="v1.0")
    # safe: PY-HF-001
    AutoModel.from_pretrained("org/model", revision=COMMIT)
    # safe: PY-HF-001
    AutoModel.from_pretrained("org/model", revision="4f3a2b1")
    # a revision chosen at run time cannot be judged here
    # safe: PY-HF-001
    AutoModel.from_pretrained(name, revision=rev)
    # safe: PY-HF-001
    AutoModel.from_pretrained("./models/local")
    # safe: PY-HF-001
    AutoModel.from_pretrained("/opt/models/bert")
    # safe: PY-HF-001
    AutoModel.from_pretrained("org/model", local_files_only=True)
    # safe: PY-HF-001
    hf_hub_download("org/model", "config.json", revision=COMMIT)


class Registry:
    def from_pretrained(self, name):
        return name


def lookalike(name):
    # safe: PY-HF-001
    return Registry().from_pretrained(name)
