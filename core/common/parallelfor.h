#pragma once

#include <cstddef>
#include <functional>

namespace seedscape {

// Calls work(i) once for every i in [0, count), from `threads` threads at most (the calling one
// among them), each taking the next index as it is free; returns when every call has. work must
// not throw.
void parallelFor(size_t count, size_t threads, const std::function<void(size_t)>& work);

} // namespace seedscape
