# Sourced by .ci/run: what the input/report/scale tests use when it can be had.
#  - Debian chromium + chromedriver for the review report's browser test (it skips without them)
#  - the `dask` extra for the Dask integration test (it skips without Dask)
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "io-scale.sh: installing chromium and chromium-driver" >&2
  if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
         || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; }; }; then
    echo "io-scale.sh: warning: chromium could not be installed; the report's browser test will skip" >&2
  fi
fi
python -m pip install --quiet ".[dask]" || echo "io-scale.sh: warning: the dask extra could not be installed; its test will skip" >&2
