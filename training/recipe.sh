#!/usr/bin/env bash
# The training recipe, one step per call:  training/recipe.sh STEP
#
#   data       rebuild + check + slim + augment EWT (needs EWT=/path/to/UD_English-EWT clone or git dir)
#   vectors    word2vec vectors from EWT train text -> Stanza pretrain file
#   tokenize   tokenizer + sentence splitter (with MWT detection)
#   mwt        multi-word-token expander
#   lemma      lemmatizer
#   pos        UPOS/XPOS/UFeats tagger
#   predtags   tag train/dev with the trained tagger (the parser learns on predicted tags), speech verbs rerooted
#   depparse   dependency parser (on predicted tags)
#   eval       end-to-end evaluation on EWT test (raw text in, CoNLL 2018 scorer)
#   assemble   fp16 Stanza resources dir (OUT=..., default training/runs/stanza-en)
#   snapshot S checkpoint + best model (fp16) of step S to training/artifacts/S/ (or $ARTIFACTS/S/), to commit
#
# Every training step resumes from its checkpoint when run again (same command), and stops cleanly on
# SIGTERM/SIGINT after writing one.  Logs: training/runs/<step>/train.log.  Steps run at nice 19.
# Sizes (steps, hidden sizes) are chosen to fit a couple of hours each on 2 CPU cores; override with
# the environment variables below.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
D=training/data
R=${RUNS:-training/runs}  # RUNS=training/runs-x keeps an experiment apart from the main runs
ART=${ARTIFACTS:-training/artifacts}  # where snapshot writes and seed reads (an experiment: ARTIFACTS=training/artifacts/x)
# One torch thread by default: these steps run at nice 19 beside other work, and with two threads
# on a busy 2-core machine the OpenMP threads wait for each other (at load 5-12 the POS tagger made
# ~0.15 steps/s with 2 threads, 0.7-1.3 steps/s with 1). On an idle machine THREADS=2 is faster.
THREADS=${THREADS:-1}
NICE=${NICE:-nice -n 19}
PRETRAIN=$D/pretrain/${VEC_NAME:-ewt}_w2v${VEC_DIM:-100}.pt  # VEC_NAME=ewtpd: vectors with training/extra_text.py's text
COMMON=(--lang en --shorthand en_ewt)
export PYTHONPATH=training${PYTHONPATH:+:$PYTHONPATH}
export OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=PASSIVE

step=${1:?usage: training/recipe.sh STEP (see the header of this file)}
shift || true
mkdir -p "$R/$step"
log=$R/$step/train.log

seed() {  # start from what an earlier session committed under training/artifacts/<step>/ when training/runs has nothing
    local name
    # an experiment (RUNS=...) starts from its own snapshots (ARTIFACTS=...) or from scratch, never from the main run's
    [ "$R" = training/runs ] || [ -n "${ARTIFACTS:-}" ] || return 0
    for name in "$@"; do
        if [ ! -f "$R/$step/$name" ] && [ -f "$ART/$step/$name" ]; then
            cp "$ART/$step/$name" "$R/$step/$name"
            echo "# $(date -u +%FT%TZ) seeded $R/$step/$name from $ART/$step/$name" >> "$log"
        fi
    done
}

run() {  # run a long command niced, appending to the step's log
    echo "# $(date -u +%FT%TZ) $*" >> "$log"
    $NICE "$@" >> "$log" 2>&1
}

T=$D/tokenize
DEV_GOLD=$D/en_ewt.dev.conllu
PT=${PREDTAGS:-$D}  # where predtags writes and depparse reads the retagged train/dev (PREDTAGS=$RUNS for an experiment)

case "$step" in
data)
    $PY training/prepare_data.py --ewt "${EWT:?set EWT to a UD_English-EWT clone or git dir}" "$@"
    $PY training/check_data.py
    ;;
vectors)
    $PY training/word_vectors.py --dim "${VEC_DIM:-100}" --name "${VEC_NAME:-ewt}" "$@"
    ;;
tokenize)
    # character BiLSTM tokenizer + sentence splitter, MWT detection
    seed checkpoint.pt en_ewt_tokenizer.pt
    run $PY training/train_tokenizer.py --checkpoint $R/tokenize/checkpoint.pt --threads "$THREADS" \
        --txt_file $T/en_ewt.train.txt --label_file $T/en_ewt-ud-train.toklabels \
        --mwt_json_file $T/en_ewt-ud-train-mwt.json \
        --dev_txt_file $T/en_ewt.dev.txt --dev_label_file $T/en_ewt-ud-dev.toklabels "${COMMON[@]}" \
        --save_dir $R/tokenize --save_name en_ewt_tokenizer.pt \
        --steps "${TOK_STEPS:-20000}" --eval_steps 500 --report_steps 100 --max_steps_before_stop 5000 \
        --max_seqlen 200 --hidden_dim 64 --emb_dim 32 \
        "$@"
    ;;
mwt)
    # dictionary + seq2seq expander; minutes, so no checkpoint: it is skipped once its model exists
    [ -f $R/mwt/en_ewt_mwt.pt ] && { echo "mwt: $R/mwt/en_ewt_mwt.pt exists, skipped"; exit 0; }
    run $PY -m stanza.models.mwt_expander --train_file $D/en_ewt.train.conllu \
        --eval_file $DEV_GOLD --gold_file $DEV_GOLD "${COMMON[@]}" \
        --save_dir $R/mwt --save_name en_ewt_mwt.pt.tmp --num_epoch "${MWT_EPOCHS:-30}" \
        --hidden_dim 64 --emb_dim 32 --log_step 200 "$@"
    mv $R/mwt/en_ewt_mwt.pt.tmp $R/mwt/en_ewt_mwt.pt
    ;;
lemma)
    # dictionary + seq2seq (the seq2seq only sees words the dictionary lacks at run time);
    # ~5 min/epoch on 2 cores, skipped once its model exists
    [ -f $R/lemma/en_ewt_lemmatizer.pt ] && { echo "lemma: exists, skipped"; exit 0; }
    run $PY -m stanza.models.lemmatizer --train_file $D/en_ewt.train.conllu --eval_file $DEV_GOLD \
        --shorthand en_ewt --save_dir $R/lemma --save_name en_ewt_lemmatizer.pt.tmp \
        --num_epoch "${LEMMA_EPOCHS:-8}" --hidden_dim 100 --log_step 500 "$@"
    mv $R/lemma/en_ewt_lemmatizer.pt.tmp $R/lemma/en_ewt_lemmatizer.pt
    ;;
pos)
    # batch = 32 sentences (see the model card: larger batches are dominated by the padded bilinear heads)
    seed checkpoint.pt en_ewt_tagger.pt
    run $PY training/train_tagger.py --checkpoint $R/pos/checkpoint.pt --threads "$THREADS" \
        --train_file $D/en_ewt.train.conllu --eval_file $DEV_GOLD \
        --wordvec_pretrain_file "$PRETRAIN" "${COMMON[@]}" \
        --save_dir $R/pos --save_name en_ewt_tagger.pt \
        --batch_size 32 --fix_eval_interval --eval_interval 200 --log_step 50 \
        --max_steps "${POS_STEPS:-8000}" --max_steps_before_stop 2000 \
        --hidden_dim 128 --char_hidden_dim 100 --char_emb_dim 50 --word_emb_dim 75 \
        --deep_biaff_hidden_dim 128 --composite_deep_biaff_hidden_dim 64 --tag_emb_dim 32 --transformed_dim 100 \
        "$@"
    ;;
predtags)
    # the parser learns and is selected on predicted UPOS/XPOS/UFeats, as it sees them at run time
    for split in train dev; do
        run $PY -m stanza.models.tagger --mode predict "${COMMON[@]}" \
            --save_dir $R/pos --save_name en_ewt_tagger.pt --wordvec_pretrain_file "$PRETRAIN" \
            --eval_file $D/en_ewt.$split.conllu --output_file $PT/en_ewt.$split.predtags.conllu --batch_size 500
        # the speech verb as the root of "...," X noted. (EWT: its parataxis), as issue #15 asks
        $PY training/reroot_reports.py $PT/en_ewt.$split.predtags.conllu $PT/en_ewt.$split.predtags.conllu
    done
    ;;
depparse)
    # Stanza's parser checkpoints by itself (--checkpoint_save_name) and resumes from it when rerun;
    # on a fresh work tree the committed snapshot (training/recipe.sh snapshot depparse) seeds it.
    mkdir -p $R/depparse
    seed checkpoint.pt en_ewt_parser.pt
    # second_optim_start_step is a multiple of eval_interval, past the first evaluation.
    # Size/speed: the labelled scorer is pairwise, (deep_biaff_hidden_dim+1)^2 x ~55 relations
    # parameters and as many multiply-adds per word pair, so it stays small (v1: 64); the LSTM is
    # linear in sentence length and can be wider (v1: 96).
    run $PY training/train_parser.py "${COMMON[@]}" \
        --train_file $PT/en_ewt.train.predtags.conllu --eval_file $PT/en_ewt.dev.predtags.conllu \
        --wordvec_pretrain_file "$PRETRAIN" \
        --save_dir $R/depparse --save_name en_ewt_parser.pt --checkpoint_save_name $R/depparse/checkpoint.pt \
        --batch_size 3000 --eval_interval 200 --log_step 50 \
        --max_steps "${DEP_STEPS:-5000}" --second_optim_start_step "${DEP_SECOND:-3000}" --max_steps_before_stop 2000 \
        --hidden_dim 128 --num_layers 2 --char_hidden_dim 64 --char_emb_dim 50 --word_emb_dim 50 \
        --tag_emb_dim 32 --transformed_dim 100 --deep_biaff_hidden_dim 80 \
        "$@"
    ;;
assemble)
    $PY training/assemble.py --out "${OUT:-$R/stanza-en}" \
        --tokenize $R/tokenize/en_ewt_tokenizer.pt --mwt $R/mwt/en_ewt_mwt.pt --pos $R/pos/en_ewt_tagger.pt \
        --lemma $R/lemma/en_ewt_lemmatizer.pt --depparse $R/depparse/en_ewt_parser.pt \
        --pretrain "$PRETRAIN" "$@"
    ;;
eval)
    # default: the assembled model; pass --pos F --pos_pretrain F etc. to try single components
    $PY training/evaluate.py --models "${OUT:-$R/stanza-en}" --threads "$THREADS" \
        --json $R/eval/test.json --conllu $R/eval/test.pred.conllu "$@"
    ;;
snapshot)
    # training/recipe.sh snapshot pos|tokenize|depparse: copy a running or stopped step's checkpoint and its best
    # model (as float16) to training/artifacts/<step>/ to commit, so a later session can resume from it
    # (the step's `seed` copies them back when training/runs/<step>/ is empty)
    s=${1:?usage: training/recipe.sh snapshot pos|tokenize|depparse}
    best=$(ls $R/$s/en_ewt_*.pt)
    mkdir -p $ART/$s
    cp $R/$s/checkpoint.pt $ART/$s/checkpoint.pt
    $PY -c "import sys; sys.path.insert(0, 'training'); from pathlib import Path; import assemble; assemble.convert_model(Path('$best'), Path('$ART/$s/$(basename "$best")'))"
    ls -la $ART/$s
    ;;
*)
    echo "unknown step: $step" >&2
    exit 2
    ;;
esac
