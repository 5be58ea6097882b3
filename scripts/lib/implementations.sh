# Sourced by scripts/conform and scripts/bench: the implementations a run plays and the agents to
# build for them. `choose_implementations ROOT [--all [ARGS...]]` sets `impls` (zconform run flags)
# and `agents` (build targets); it returns 0 when it consumed --all, 1 otherwise. With --all and no
# --jobs among ARGS, the matrix plays nproc*3 legs at once: on 2 cores the 37,175-case matrix took
# 9.9 minutes with 4 legs and 8.1 with 6 (its agents mostly wait: 1.3 cores busy with 4 legs).
choose_implementations() {
  local root="$1"
  impls=(--impl "${ZCONFORM_IMPL:-libzmq}")
  agents=(zconform-agent-libzmq)
  [[ "${2:-}" == "--all" ]] || return 1
  agents+=(zconform-agent-jeromq)  # a target only where javac and the jars are (scripts/setup)
  impls=()
  local file
  for file in "$root"/conformance/implementations/*.yaml; do
    impls+=(--impl "$(basename "$file" .yaml)")
  done
  [[ " ${*:3} " == *" --jobs"* ]] || impls+=(--jobs "$(($(nproc) * 3))")
}
