#pragma once

namespace seedscape {

// Student's t distribution, for confidence intervals of a mean over a few seeds (never z = 1.96:
// with 3 seeds t(0.975, 2) is 4.303).
double regularizedIncompleteBeta(double a, double b, double x);
double studentTCdf(double t, double degreesOfFreedom);
// The t with P(T ≤ t) = p, accurate to about 1e-14 relative.
double studentTQuantile(double p, double degreesOfFreedom);

} // namespace seedscape
