// CPU time this process has spent, in ms. Tests that guard against hangs and blow-ups count it
// rather than the clock: on a busy machine (a second suite, a build, both cores taken) the clock
// runs on while the process waits for a core, and work that is not hung would look like one; the
// process's own CPU time does not stretch so, and a hang or a blow-up still spends CPU.
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
