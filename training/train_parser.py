"""Stanza's parser trainer, resumable across a change of its training file's predicted tags.

``python -m stanza.models.parser`` rebuilds its vocabularies (words, XPOS, UFeats) from the training
file on every start, even when it continues from ``--checkpoint_save_name``. When the training file
has been retagged since the checkpoint (``training/recipe.sh predtags`` with a newer tagger), the
rebuilt UFeats vocabulary differs from the checkpoint's: the indices no longer mean what the model
learned, or fall outside its embedding tables (Stanza stops with ``IndexError``). Here, when the
checkpoint exists, the data is indexed with the checkpoint's own vocabularies (unseen values map to
UNK, as at run time). Everything else is Stanza's loop unchanged.

Usage: the same arguments as ``python -m stanza.models.parser`` (``training/recipe.sh depparse``).
"""

from __future__ import annotations

import os
import sys

import torch
from stanza.models import parser as stanza_parser
from stanza.models.pos.vocab import MultiVocab


def option(argv: list[str], name: str) -> str | None:
    for i, item in enumerate(argv):
        if item == name and i + 1 < len(argv):
            return argv[i + 1]
        if item.startswith(name + "="):
            return item.split("=", 1)[1]
    return None


def checkpoint_vocab(path: str | None) -> MultiVocab | None:
    if not path or not os.path.exists(path):
        return None
    state = torch.load(path, lambda storage, loc: storage, weights_only=True)
    return MultiVocab.load_state_dict(state["vocab"])


def main(argv: list[str]) -> None:
    vocab = checkpoint_vocab(option(argv, "--checkpoint_save_name"))
    if vocab is not None:
        loader = stanza_parser.DataLoader

        def with_checkpoint_vocab(*args, **kwargs):
            if kwargs.get("vocab") is None:
                kwargs["vocab"] = vocab
            return loader(*args, **kwargs)

        stanza_parser.DataLoader = with_checkpoint_vocab
        print("# indexing the training data with the checkpoint's vocabularies", file=sys.stderr)
    stanza_parser.main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
