// Element-wise, shape, indexing, reduction and in-place operations.
#include "shim.h"

#include <stdexcept>
#include <string>

#define IA_UNARY(name, expr)                                 \
  IA_EXPORT ia_tensor ia_tensor_##name(ia_tensor a) {        \
    IA_GUARD(nullptr, {                                      \
      const auto& x = IA_T(a);                               \
      return ia::wrap(expr);                                 \
    })                                                       \
  }

#define IA_BINARY(name, expr)                                      \
  IA_EXPORT ia_tensor ia_tensor_##name(ia_tensor a, ia_tensor b) { \
    IA_GUARD(nullptr, {                                            \
      const auto& x = IA_T(a);                                     \
      const auto& y = IA_T(b);                                     \
      return ia::wrap(expr);                                       \
    })                                                             \
  }

#define IA_SCALAR(name, expr)                                          \
  IA_EXPORT ia_tensor ia_tensor_##name##_scalar(ia_tensor a, double s) { \
    IA_GUARD(nullptr, {                                                \
      const auto& x = IA_T(a);                                         \
      return ia::wrap(expr);                                           \
    })                                                                 \
  }

// ---- element-wise --------------------------------------------------------------------------

IA_UNARY(neg, x.neg())
IA_UNARY(exp, x.exp())
IA_UNARY(log, x.log())
IA_UNARY(relu, x.relu())
IA_UNARY(tanh, x.tanh())
IA_UNARY(sigmoid, x.sigmoid())
IA_UNARY(abs, x.abs())
IA_UNARY(sqrt, x.sqrt())
IA_UNARY(square, x.square())
IA_UNARY(logical_not, x.logical_not())
IA_UNARY(clone, x.clone())
IA_UNARY(contiguous, x.contiguous())

IA_BINARY(add, x.add(y))
IA_BINARY(sub, x.sub(y))
IA_BINARY(mul, x.mul(y))
IA_BINARY(div, x.div(y))
IA_BINARY(pow, x.pow(y))
IA_BINARY(matmul, x.matmul(y))
IA_BINARY(eq, x.eq(y))
IA_BINARY(ne, x.ne(y))
IA_BINARY(lt, x.lt(y))
IA_BINARY(le, x.le(y))
IA_BINARY(gt, x.gt(y))
IA_BINARY(ge, x.ge(y))
IA_BINARY(minimum, torch::minimum(x, y))
IA_BINARY(maximum, torch::maximum(x, y))
IA_BINARY(logical_and, x.logical_and(y))
IA_BINARY(logical_or, x.logical_or(y))

IA_SCALAR(add, x.add(s))
IA_SCALAR(sub, x.sub(s))
IA_SCALAR(rsub, torch::rsub(x, s))
IA_SCALAR(mul, x.mul(s))
IA_SCALAR(div, x.div(s))
IA_SCALAR(pow, x.pow(s))
IA_SCALAR(eq, x.eq(s))
IA_SCALAR(ne, x.ne(s))
IA_SCALAR(lt, x.lt(s))
IA_SCALAR(le, x.le(s))
IA_SCALAR(gt, x.gt(s))
IA_SCALAR(ge, x.ge(s))

IA_EXPORT ia_tensor ia_tensor_clamp(ia_tensor a, double min, int32_t has_min, double max, int32_t has_max) {
  IA_GUARD(nullptr, {
    c10::optional<c10::Scalar> lo = has_min ? c10::optional<c10::Scalar>(min) : c10::nullopt;
    c10::optional<c10::Scalar> hi = has_max ? c10::optional<c10::Scalar>(max) : c10::nullopt;
    return ia::wrap(IA_T(a).clamp(lo, hi));
  })
}

IA_EXPORT ia_tensor ia_tensor_where(ia_tensor condition, ia_tensor a, ia_tensor b) {
  IA_GUARD(nullptr, { return ia::wrap(torch::where(IA_T(condition), IA_T(a), IA_T(b))); })
}

IA_EXPORT ia_tensor ia_tensor_softmax(ia_tensor a, int64_t dim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).softmax(dim)); })
}

IA_EXPORT ia_tensor ia_tensor_log_softmax(ia_tensor a, int64_t dim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).log_softmax(dim)); })
}

// ---- shape and indexing ------------------------------------------------------------------

IA_EXPORT ia_tensor ia_tensor_reshape(ia_tensor a, const int64_t* shape, int32_t ndim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).reshape(ia::dims(shape, ndim))); })
}

IA_EXPORT ia_tensor ia_tensor_view(ia_tensor a, const int64_t* shape, int32_t ndim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).view(ia::dims(shape, ndim))); })
}

IA_EXPORT ia_tensor ia_tensor_expand(ia_tensor a, const int64_t* shape, int32_t ndim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).expand(ia::dims(shape, ndim))); })
}

IA_EXPORT ia_tensor ia_tensor_permute(ia_tensor a, const int64_t* dims, int32_t ndim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).permute(ia::dims(dims, ndim))); })
}

IA_EXPORT ia_tensor ia_tensor_flatten(ia_tensor a, int64_t start_dim, int64_t end_dim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).flatten(start_dim, end_dim)); })
}

IA_EXPORT ia_tensor ia_tensor_transpose(ia_tensor a, int64_t dim0, int64_t dim1) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).transpose(dim0, dim1)); })
}

IA_EXPORT ia_tensor ia_tensor_squeeze(ia_tensor a, int64_t dim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).squeeze(dim)); })
}

IA_EXPORT ia_tensor ia_tensor_unsqueeze(ia_tensor a, int64_t dim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).unsqueeze(dim)); })
}

IA_EXPORT ia_tensor ia_tensor_cat(const ia_tensor* list, int32_t count, int64_t dim) {
  IA_GUARD(nullptr, { return ia::wrap(torch::cat(ia::tensors(list, count), dim)); })
}

IA_EXPORT ia_tensor ia_tensor_stack(const ia_tensor* list, int32_t count, int64_t dim) {
  IA_GUARD(nullptr, { return ia::wrap(torch::stack(ia::tensors(list, count), dim)); })
}

IA_EXPORT ia_tensor ia_tensor_slice(ia_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).slice(dim, start, end, step)); })
}

IA_EXPORT ia_tensor ia_tensor_select(ia_tensor a, int64_t dim, int64_t index) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).select(dim, index)); })
}

IA_EXPORT ia_tensor ia_tensor_index_select(ia_tensor a, int64_t dim, ia_tensor index) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).index_select(dim, IA_T(index))); })
}

IA_EXPORT ia_tensor ia_tensor_gather(ia_tensor a, int64_t dim, ia_tensor index) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).gather(dim, IA_T(index))); })
}

// ---- reductions ----------------------------------------------------------------------------

IA_UNARY(sum, x.sum())
IA_UNARY(mean, x.mean())
IA_UNARY(max, x.max())
IA_UNARY(min, x.min())

IA_EXPORT ia_tensor ia_tensor_sum_dims(ia_tensor a, const int64_t* dims, int32_t ndim, int32_t keepdim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).sum(ia::dims(dims, ndim), keepdim != 0)); })
}

IA_EXPORT ia_tensor ia_tensor_mean_dims(ia_tensor a, const int64_t* dims, int32_t ndim, int32_t keepdim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).mean(ia::dims(dims, ndim), keepdim != 0)); })
}

// Writes the values and the indices of the maximum (or minimum, when `minimum` is set) along dim.
IA_EXPORT int32_t ia_tensor_max_dim(ia_tensor a, int64_t dim, int32_t keepdim, int32_t minimum, ia_tensor* values,
                                    ia_tensor* indices) {
  IA_GUARD(-1, {
    auto result = minimum ? IA_T(a).min(dim, keepdim != 0) : IA_T(a).max(dim, keepdim != 0);
    *values = ia::wrap(std::get<0>(result));
    *indices = ia::wrap(std::get<1>(result));
    return 0;
  })
}

IA_EXPORT ia_tensor ia_tensor_argmax(ia_tensor a, int64_t dim, int32_t keepdim) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(a).argmax(dim, keepdim != 0)); })
}

// out[t] = x[t] + coef[t] * out[t + 1] for t = T-1 .. 0 along dim 0, with out[T] = init.
// The reverse linear recurrence behind V-trace and discounted returns, run on the tensors' device.
IA_EXPORT ia_tensor ia_tensor_reverse_scan(ia_tensor x, ia_tensor coef, ia_tensor init) {
  IA_GUARD(nullptr, {
    const auto& xs = IA_T(x);
    const auto& cs = IA_T(coef);
    const auto& acc0 = IA_T(init);
    if (xs.dim() < 1) throw std::invalid_argument("reverse_scan: x must have a leading time dimension");
    if (!xs.sizes().equals(cs.sizes())) {
      throw std::invalid_argument("reverse_scan: x and coef shapes differ");
    }
    if (!xs.sizes().slice(1).equals(acc0.sizes())) {
      throw std::invalid_argument("reverse_scan: init must have the shape of one time step of x");
    }
    auto out = torch::empty_like(xs);
    auto acc = acc0;
    for (int64_t t = xs.size(0) - 1; t >= 0; --t) {
      acc = xs[t] + cs[t] * acc;
      out[t].copy_(acc);
    }
    return ia::wrap(std::move(out));
  })
}

// ---- in-place (optimizers, initialisation) -------------------------------------------------

#define IA_INPLACE(name, params, stmt)            \
  IA_EXPORT int32_t ia_tensor_##name params {    \
    IA_GUARD(-1, {                               \
      auto x = IA_T(a);                          \
      stmt;                                      \
      return 0;                                  \
    })                                           \
  }

IA_INPLACE(add_, (ia_tensor a, ia_tensor b, double alpha), x.add_(IA_T(b), alpha))
IA_INPLACE(mul_, (ia_tensor a, ia_tensor b), x.mul_(IA_T(b)))
IA_INPLACE(mul_scalar_, (ia_tensor a, double s), x.mul_(s))
IA_INPLACE(add_scalar_, (ia_tensor a, double s), x.add_(s))
IA_INPLACE(addcmul_, (ia_tensor a, ia_tensor t1, ia_tensor t2, double value), x.addcmul_(IA_T(t1), IA_T(t2), value))
IA_INPLACE(addcdiv_, (ia_tensor a, ia_tensor t1, ia_tensor t2, double value), x.addcdiv_(IA_T(t1), IA_T(t2), value))
IA_INPLACE(sqrt_, (ia_tensor a), x.sqrt_())
IA_INPLACE(zero_, (ia_tensor a), x.zero_())
IA_INPLACE(fill_, (ia_tensor a, double value), x.fill_(value))
IA_INPLACE(copy_, (ia_tensor a, ia_tensor src), x.copy_(IA_T(src)))
IA_INPLACE(uniform_, (ia_tensor a, double low, double high), x.uniform_(low, high))
IA_INPLACE(normal_, (ia_tensor a, double mean, double std), x.normal_(mean, std))
