"""Stanza's POS/UFeats tagger (``stanza.models.tagger``), trained by a loop that resumes from checkpoints.

Stanza 1.15's tagger has no checkpoint/resume of its own.  This script takes exactly the tagger's
command-line flags (``python -m stanza.models.tagger --help``) and uses Stanza's own data loading,
``Trainer`` (model, update step, prediction) and scorer; only the loop around them is ours, so that:

* every ``--checkpoint_every`` steps (default: at each dev evaluation) the whole training state
  (model, optimizers, step, dev history, early-stopping state, RNG states) goes atomically to
  ``--checkpoint``; rerunning the same command continues from there;
* SIGTERM/SIGINT or ``--max_minutes`` stop it cleanly after a checkpoint (exit code 3 = "not
  finished, run again");
* the switch to the second optimizer (``--second_optim``, AMSGrad by default) really takes effect:
  Stanza's loop assigns ``trainer.optimizer`` while ``Trainer.update`` steps ``trainer.optimizers``.

The best model by dev score is saved, as in Stanza, to ``--save_dir/--save_name`` (a normal Stanza
tagger file).  Exit code 0 = finished (max_steps or early stop).
"""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path
from typing import Any

from resumable import StopFlag, load_checkpoint, rng_state, save_checkpoint, set_rng_state, wrapper_args

logger = logging.getLogger("stanza")


def main(argv: list[str] | None = None) -> int:
    opts, rest = wrapper_args(list(sys.argv[1:] if argv is None else argv))

    import torch
    from stanza.models import tagger as st
    from stanza.models.common import utils
    from stanza.models.common.foundation_cache import FoundationCache
    from stanza.models.pos import scorer
    from stanza.models.pos.data import Dataset
    from stanza.models.pos.vocab import MultiVocab
    from stanza.utils.conll import CoNLL

    args: dict[str, Any] = st.parse_args(rest)
    if args["mode"] != "train":
        raise SystemExit("train_tagger.py trains; for prediction use python -m stanza.models.tagger --mode predict")
    utils.set_random_seed(args["seed"])
    model_file = st.model_file_name(args)
    utils.ensure_dir(str(Path(model_file).parent))

    ckpt = load_checkpoint(opts.checkpoint)
    if ckpt is not None:
        # the vocabulary comes from the checkpoint, not from rebuilding it, so ids cannot shift
        saved_vocab = MultiVocab.load_state_dict(ckpt["vocab"])
        Dataset.init_vocab = staticmethod(lambda *a, **k: saved_vocab)  # type: ignore[method-assign]

    pretrain = st.load_pretrain(args)
    args["word_cutoff"] = utils.update_word_cutoff(pretrain, args["word_cutoff"])
    logger.info("Loading data with batch size %d...", args["batch_size"])
    vocab, train_data, train_batches = st.load_training_data(args, pretrain)
    dev_doc = CoNLL.conll2doc(input_file=args["eval_file"])
    dev_data = Dataset(dev_doc, args, pretrain, vocab=vocab, evaluation=True, sort_during_eval=True)
    dev_batch = dev_data.to_loader(batch_size=args["batch_size"])
    eval_type = st.get_eval_type(dev_data)
    if args["adapt_eval_interval"]:
        args["eval_interval"] = utils.get_adaptive_eval_interval(dev_data.num_examples, 2000, args["eval_interval"])
    every = opts.checkpoint_every or args["eval_interval"]
    logger.info("Evaluating every %d steps, checkpoint every %d steps", args["eval_interval"], every)

    trainer = st.Trainer(args=args, vocab=vocab, pretrain=pretrain, device=args["device"], foundation_cache=FoundationCache())
    state: dict[str, Any] = {"global_step": 0, "dev_score_history": [], "last_best_step": 0, "using_second": False, "train_loss": 0.0}

    def second_optimizer() -> None:
        lr = args["second_lr"] if args["second_lr"] is not None else args["lr"]
        trainer.optimizers = {
            "general_optimizer": utils.get_optimizer(
                args["second_optim"], trainer.model, lr=lr, betas=(0.9, args["beta2"]), eps=1e-6, weight_decay=args["second_weight_decay"]
            )
        }

    if ckpt is not None:
        state.update(ckpt["state"])
        if state["using_second"]:
            second_optimizer()
        missing, unexpected = trainer.model.load_state_dict(ckpt["model"], strict=False)
        frozen = set(trainer.model.unsaved_modules)
        if unexpected or any(k.split(".")[0] not in frozen for k in missing):
            raise SystemExit(f"{opts.checkpoint} does not fit this model: missing {missing}, unexpected {unexpected}")
        for name, opt_state in ckpt["optimizers"].items():
            trainer.optimizers[name].load_state_dict(opt_state)
        set_rng_state(ckpt["rng"])
        if opts.set_lr is not None:
            # a lower rate late in training: the last steps settle into a minimum instead of circling it
            for optimizer in trainer.optimizers.values():
                for group in optimizer.param_groups:
                    group["lr"] = opts.set_lr
            logger.info("learning rate set to %g", opts.set_lr)
        best = max(state["dev_score_history"] or [0])
        logger.info("Resumed from %s at step %d (best dev %.4f)", opts.checkpoint, state["global_step"], best)

    def checkpoint() -> None:
        save_checkpoint(
            opts.checkpoint,
            {
                "global_step": state["global_step"],
                "state": state,
                # without the frozen pretrained vectors (unsaved_modules), which come from the pretrain file
                "model": {k: v for k, v in trainer.model.state_dict().items() if k.split(".")[0] not in trainer.model.unsaved_modules},
                "optimizers": {k: v.state_dict() for k, v in trainer.optimizers.items()},
                "vocab": trainer.vocab.state_dict(),
                "rng": rng_state(),
            },
        )

    def evaluate() -> float:
        preds: list = []
        indices: list = []
        with torch.no_grad():
            for batch in dev_batch:
                preds += trainer.predict(batch)
                indices.extend(batch.idx)
        preds = utils.unsort(preds, indices)
        st.set_predictions(dev_data.doc, trainer, preds)
        _, _, score = scorer.score(io.StringIO(f"{dev_data.doc:C}\n\n"), args["eval_file"], eval_type=eval_type)
        return score

    stop = StopFlag(opts.max_minutes)
    if state.get("finished") and not opts.extend:
        logger.info("%s: training already finished at step %d (pass --extend with a larger --max_steps to go on)",
                    opts.checkpoint, state["global_step"])
        return 0
    state["finished"] = False
    if state["global_step"] >= args["max_steps"]:
        raise SystemExit(f"step {state['global_step']} already reaches --max_steps {args['max_steps']}: raise it to train longer")
    finished = False
    fmt = "step %d/%d loss %.4f lr %g"
    while not finished and not stop:
        for batch in train_batches:
            state["global_step"] += 1
            step = state["global_step"]
            loss = trainer.update(batch, eval=False)
            state["train_loss"] += loss
            if step % args["log_step"] == 0:
                logger.info(fmt, step, args["max_steps"], loss, trainer.optimizers["general_optimizer"].param_groups[0]["lr"])
            if step % args["eval_interval"] == 0:
                score = evaluate()
                history = state["dev_score_history"]
                logger.info("step %d: train_loss = %.6f, dev_score = %.4f", step, state["train_loss"] / args["eval_interval"], score)
                state["train_loss"] = 0.0
                if not history or score > max(history):
                    state["last_best_step"] = step
                    trainer.save(model_file)
                    logger.info("new best model saved to %s", model_file)
                history.append(score)
            if step - state["last_best_step"] >= args["max_steps_before_stop"]:
                if not state["using_second"] and args["second_optim"] is not None:
                    logger.info("Switching to second optimizer: %s", args["second_optim"])
                    second_optimizer()
                    state["using_second"] = True
                    state["last_best_step"] = step
                else:
                    logger.info("Early termination: no improvement in %d steps", args["max_steps_before_stop"])
                    finished = True
            if step >= args["max_steps"]:
                finished = True
            if finished or step % every == 0 or stop:
                state["finished"] = finished
                checkpoint()
            if finished or stop:
                break

    history = state["dev_score_history"]
    if history:
        best = max(history)
        logger.info("Best dev score %.2f at step %d", best * 100, (history.index(best) + 1) * args["eval_interval"])
    if finished:
        logger.info("Training finished at step %d", state["global_step"])
        return 0
    logger.info("Stopped at step %d; run the same command again to continue", state["global_step"])
    return 3


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    sys.exit(main())
