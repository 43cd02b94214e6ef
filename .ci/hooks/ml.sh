# Sourced by .ci/run: the `ml` extra (scikit-learn, skops) for the built-in classifier's tests
# (tests/test_classifiers_ml.py skips without it).
python -m pip install --quiet ".[ml]" || echo "ml.sh: warning: the ml extra could not be installed; its tests will skip" >&2
