#ifndef SCALING_PROCESS_CONTROL_H
#define SCALING_PROCESS_CONTROL_H

/// Asks the kernel to send `signal` to this process when its parent dies (Linux: prctl(PR_SET_PDEATHSIG)).
/// Returns 0 on success, -1 where unsupported (not Linux) or on error. Swift cannot call the variadic prctl.
int scaling_set_parent_death_signal(int signal);

#endif
