#!/usr/bin/env bash
# The training recipe, one step per call:  training/recipe.sh STEP
#
#   data       rebuild + check + slim + augment EWT (needs EWT=/path/to/UD_English-EWT clone or git dir)
#   vectors    word2vec vectors from EWT train text -> Stanza pretrain file
#   tokenize   tokenizer + sentence splitter (with MWT detection)
#   mwt        multi-word-token expander
#   lemma      lemmatizer
#   pos        UPOS/XPOS/UFeats tagger
#   predtags   tag train/dev with the trained tagger (the parser learns on predicted tags)
#   depparse   dependency parser (on predicted tags)
#   eval       end-to-end evaluation on EWT test (raw text in, CoNLL 2018 scorer)
#   assemble   fp16 Stanza resources dir (OUT=..., default training/runs/stanza-en)
#
# Every training step resumes from its checkpoint when run again (same command), and stops cleanly on
# SIGTERM/SIGINT after writing one.  Logs: training/runs/<step>/train.log.  Steps run at nice 19.
# Sizes (steps, hidden sizes) are chosen to fit a couple of hours each on 2 CPU cores; override with
# the environment variables below.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
D=training/data
R=training/runs
THREADS=${THREADS:-2}
NICE=${NICE:-nice -n 19}
PRETRAIN=$D/pretrain/ewt_w2v${VEC_DIM:-100}.pt
COMMON=(--lang en --shorthand en_ewt)
export PYTHONPATH=training${PYTHONPATH:+:$PYTHONPATH}
export OMP_NUM_THREADS=$THREADS

step=${1:?usage: training/recipe.sh STEP (see the header of this file)}
shift || true
mkdir -p "$R/$step"
log=$R/$step/train.log

run() {  # run a long command niced, appending to the step's log
    echo "# $(date -u +%FT%TZ) $*" >> "$log"
    $NICE "$@" >> "$log" 2>&1
}

case "$step" in
data)
    $PY training/prepare_data.py --ewt "${EWT:?set EWT to a UD_English-EWT clone or git dir}" "$@"
    $PY training/check_data.py
    ;;
vectors)
    $PY training/word_vectors.py --dim "${VEC_DIM:-100}" "$@"
    ;;
pos)
    run $PY training/train_tagger.py --checkpoint $R/pos/checkpoint.pt --threads "$THREADS" \
        --train_file $D/en_ewt.train.conllu --eval_file $D/en_ewt.dev.conllu \
        --wordvec_pretrain_file "$PRETRAIN" "${COMMON[@]}" \
        --save_dir $R/pos --save_name en_ewt_tagger.pt \
        --batch_size 32 --fix_eval_interval --eval_interval 200 --log_step 50 \
        --max_steps "${POS_STEPS:-8000}" --max_steps_before_stop 2000 \
        --hidden_dim 160 --char_hidden_dim 100 --char_emb_dim 50 --word_emb_dim 75 \
        --deep_biaff_hidden_dim 128 --composite_deep_biaff_hidden_dim 64 --tag_emb_dim 32 --transformed_dim 100 \
        "$@"
    ;;
*)
    echo "unknown step: $step" >&2
    exit 2
    ;;
esac
