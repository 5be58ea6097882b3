# Sourced by scripts/conform and scripts/bench: the implementations a run plays and the agents to
# build for them. `choose_implementations ROOT [--all]` sets `impls` (zconform run flags) and
# `agents` (build targets); it returns 0 when it consumed --all, 1 otherwise.
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
}
