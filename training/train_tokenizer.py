"""Stanza's tokenizer / sentence splitter (``stanza.models.tokenizer``), trained by a loop that resumes.

Stanza 1.15's tokenizer cannot resume (and fine-tuning with ``--load_name`` crashes in 1.15).  This
script takes the tokenizer's own flags (``python -m stanza.models.tokenizer --help``), builds the
data, model and ``Trainer`` exactly as Stanza's ``train()`` does, and runs the same loop (dev eval,
learning-rate annealing, early stopping, best model to ``--save_dir/--save_name``) with a checkpoint
of the whole state (model, optimizer, lr, scores, step, RNG) every ``--checkpoint_every`` steps.
Rerun the same command to continue.  Exit code 0 = finished, 3 = stopped early (signal or
``--max_minutes``), run again.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from resumable import StopFlag, load_checkpoint, rng_state, save_checkpoint, set_rng_state, wrapper_args

logger = logging.getLogger("stanza")


def main(argv: list[str] | None = None) -> int:
    opts, rest = wrapper_args(list(sys.argv[1:] if argv is None else argv))

    from stanza.models import tokenizer as tk
    from stanza.models.common import utils
    from stanza.models.tokenization.data import DataLoader, TokenizationDataset
    from stanza.models.tokenization.trainer import Trainer
    from stanza.models.tokenization.utils import create_dictionary, eval_model, load_lexicon, load_mwt_dict

    args: dict[str, Any] = tk.parse_args(rest)
    if args["mode"] != "train":
        raise SystemExit("train_tokenizer.py trains; for prediction use python -m stanza.models.tokenizer --mode predict")
    utils.set_random_seed(args["seed"])
    feats = args.get("feat_funcs")
    args["feat_funcs"] = [f.strip() for f in feats.split(",") if f.strip()] if feats else tk.DEFAULT_FEAT_FUNCS
    args["feat_dim"] = len(args["feat_funcs"])
    args["save_name"] = tk.model_file_name(args)
    utils.ensure_dir(str(Path(args["save_name"]).parent))

    if args["use_dictionary"]:
        lexicon, args["num_dict_feat"], external_dict = load_lexicon(args)
        dictionary = create_dictionary(lexicon)
        args["feat_dim"] += args["num_dict_feat"] * 2
    else:
        args["num_dict_feat"] = 0
        lexicon = dictionary = external_dict = None

    mwt_dict = load_mwt_dict(args["mwt_json_file"])
    mwt_expansions = {x: y[0] for x, y in mwt_dict.items()}
    train_batches = DataLoader(args, input_files={"txt": args["txt_file"], "label": args["label_file"]},
                               dictionary=dictionary, mwt_expansions=mwt_expansions)
    vocab = train_batches.vocab
    args["vocab_size"] = len(vocab)
    dev_batches = TokenizationDataset(args, input_files={"txt": args["dev_txt_file"], "label": args["dev_label_file"]},
                                      vocab=vocab, evaluation=True, dictionary=dictionary)
    if args["use_mwt"] is None:
        args["use_mwt"] = train_batches.has_mwt()
        logger.info("MWTs in the training data: use_mwt = %s", args["use_mwt"])

    trainer = Trainer(args=args, vocab=vocab, lexicon=lexicon, dictionary=dictionary, device=args["device"],
                      foundation_cache=None, external_dict=external_dict)
    state: dict[str, Any] = {"step": 0, "lr": args["lr0"], "prev_dev_score": -1.0, "best_dev_score": -1.0, "best_dev_step": -1}

    ckpt = load_checkpoint(opts.checkpoint)
    if ckpt is not None:
        if ckpt["vocab"] != vocab.state_dict():
            raise SystemExit(f"{opts.checkpoint} was trained with another character vocabulary: the training data changed")
        state.update(ckpt["state"])
        trainer.model.load_state_dict(ckpt["model"])
        trainer.optimizer.load_state_dict(ckpt["optimizer"])
        set_rng_state(ckpt["rng"])
        logger.info("Resumed from %s at step %d (best dev %.4f)", opts.checkpoint, state["step"], state["best_dev_score"])
    trainer.change_lr(state["lr"])

    steps = args["steps"] if args["steps"] is not None else int(len(train_batches) * args["epochs"] / args["batch_size"] + 0.5)
    every = opts.checkpoint_every or args["eval_steps"]

    def checkpoint() -> None:
        save_checkpoint(opts.checkpoint, {"global_step": state["step"], "state": state, "model": trainer.model.state_dict(),
                                          "optimizer": trainer.optimizer.state_dict(), "vocab": vocab.state_dict(), "rng": rng_state()})

    stop = StopFlag(opts.max_minutes)
    if state.get("finished") and not opts.extend:
        logger.info("%s: training already finished at step %d (pass --extend with a larger --steps to go on)",
                    opts.checkpoint, state["step"])
        return 0
    if state["step"] >= steps:
        raise SystemExit(f"step {state['step']} already reaches --steps {steps}: raise it to train longer")
    state["finished"] = False
    finished = False
    while not finished and not stop:
        state["step"] += 1
        step = state["step"]
        batch = train_batches.next(unit_dropout=args["unit_dropout"], feat_unit_dropout=args["feat_unit_dropout"])
        loss = trainer.update(batch)
        if step % args["report_steps"] == 0:
            logger.info("Step %6d/%6d Loss: %.3f", step, steps, loss)
        if args["shuffle_steps"] > 0 and step % args["shuffle_steps"] == 0:
            train_batches.shuffle()
        if step % args["eval_steps"] == 0:
            dev_score = eval_model(args, trainer, dev_batches, vocab, mwt_dict)
            reports = [f"Dev score: {dev_score * 100:6.3f}"]
            if step >= args["anneal_after"] and dev_score < state["prev_dev_score"]:
                reports.append(f"lr: {state['lr']:.6f} -> {state['lr'] * args['anneal']:.6f}")
                state["lr"] *= args["anneal"]
                trainer.change_lr(state["lr"])
            state["prev_dev_score"] = dev_score
            if dev_score > state["best_dev_score"]:
                reports.append("New best dev score!")
                state["best_dev_score"] = dev_score
                state["best_dev_step"] = step
                trainer.save(args["save_name"])
            elif state["best_dev_step"] > 0 and step - state["best_dev_step"] > args["max_steps_before_stop"]:
                reports.append(f"Stopping training after {step - state['best_dev_step']} steps with no improvement")
                finished = True
            logger.info("\t".join(reports))
        if step >= steps:
            finished = True
        if finished or step % every == 0 or stop:
            state["finished"] = finished
            checkpoint()

    logger.info("Best dev score %.4f at step %d", state["best_dev_score"], state["best_dev_step"])
    if finished:
        if state["best_dev_step"] < 0:
            trainer.save(args["save_name"])
        logger.info("Training finished at step %d", state["step"])
        return 0
    logger.info("Stopped at step %d; run the same command again to continue", state["step"])
    return 3


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sys.exit(main())
