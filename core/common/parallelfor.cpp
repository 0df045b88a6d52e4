#include "parallelfor.h"

#include <algorithm>
#include <atomic>
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
    for (size_t t = 1; t < std::min(threads, count); ++t)
        helpers.emplace_back(takeNext);
    takeNext();
    for (std::thread& helper : helpers)
        helper.join();
}

} // namespace seedscape
