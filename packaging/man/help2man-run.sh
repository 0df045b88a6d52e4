#!/bin/sh
# help2man runs `help2man-run.sh PROGRAM --help` instead of the program itself: a command's usage
# that goes on over several lines becomes one line, so that help2man reads it as one entry.
prog=$1
shift
if [ "$1" = --help ]; then
    "$prog" --help | awk '/^     *\[/ { sub(/^ +/, " "); last = last $0; next }
                          NR > 1 { print last } { last = $0 } END { print last }' | sed 's/…/.../g'
else
    exec "$prog" "$@"
fi
