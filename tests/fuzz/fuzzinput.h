#pragma once

#include "common/inputerror.h"
#include "common/storageerror.h"

#include <cstdio>
#include <cstdlib>
#include <exception>

namespace seedscape::fuzz {

// Runs one fuzz input. InputError and StorageError are how readers refuse bad files: expected.
// Any other exception is a bug, reported as a crash so that libFuzzer keeps the input.
template <typename Body> int runInput(Body body)
{
    try {
        body();
    } catch (const InputError&) {
    } catch (const StorageError&) {
    } catch (const std::exception& error) {
        std::fprintf(stderr, "fuzz: unexpected exception: %s\n", error.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "fuzz: unexpected exception of unknown type\n");
        std::abort();
    }
    return 0;
}

} // namespace seedscape::fuzz
