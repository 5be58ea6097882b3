# Sourced by scripts/conform and scripts/bench: the implementations a run plays and the agents to
# build for them. `choose_implementations ROOT [--all [ARGS...]]` sets `impls` (zconform run flags)
# and `agents` (build targets); it returns 0 when it consumed --all, 1 otherwise. Without --jobs
# among ARGS, one implementation plays nproc cases at once (scripts/bench jobs measures it), and
# the matrix (--all) nproc*3: on 2 cores the 37,175-case matrix took 9.9 minutes with 4 and 8.1
# with 6 (its agents mostly wait: 1.3 cores busy with 4).
choose_implementations() {
  local root="$1"
  impls=(--impl "${ZCONFORM_IMPL:-libzmq}")
  agents=(zconform-agent-libzmq)
  if [[ "${2:-}" != "--all" ]]; then
    [[ " ${*:2} " == *" --jobs"* ]] || impls+=(--jobs "$(nproc)")
    return 1
  fi
  agents+=(zconform-agent-jeromq)  # a target only where javac and the jars are (scripts/setup)
  impls=()
  local file
  for file in "$root"/conformance/implementations/*.yaml; do
    impls+=(--impl "$(basename "$file" .yaml)")
  done
  [[ " ${*:3} " == *" --jobs"* ]] || impls+=(--jobs "$(($(nproc) * 3))")
}
