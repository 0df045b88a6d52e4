#include "parallelfor.h"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <vector>

namespace seedscape {

void parallelFor(size_t count, size_t threads, const std::function<void(size_t)>& work)
{
    std::atomic<size_t> next{0};
    const auto takeNext = [&] {
        for (size_t i = next++; i < count; i = next++)
            work(i);
    };
    std::vector<std::thread> helpers;
    helpers.reserve(std::min(threads, count));
    try {
        for (size_t t = 1; t < std::min(threads, count); ++t)
            helpers.emplace_back(takeNext);
    } catch (const std::system_error&) {
        // No more threads to be had (a process or cgroup limit): the ones started and this one do it.
    }
    takeNext();
    for (std::thread& helper : helpers)
        helper.join();
}

} // namespace seedscape
