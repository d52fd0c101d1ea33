// Shared plumbing of the flat C API over libtorch.
//
// Contract of every export: it never lets a C++ exception cross the C boundary. On failure it
// stores a message in a thread-local, owned error slot and returns its failure value (NULL for
// handles, -1 for status codes); the caller takes the message with ia_take_error() and frees it
// with ia_free_string(). A tensor handle is a heap-allocated torch::Tensor owned by the caller
// and released exactly once with ia_tensor_free().
#pragma once

#include <ATen/ATen.h>
#include <torch/types.h>

#include <cstdint>
#include <vector>

#define IA_EXPORT extern "C" __attribute__((visibility("default")))

typedef torch::Tensor* ia_tensor;

namespace ia {

void set_error(const char* message);
ia_tensor wrap(torch::Tensor tensor);
const torch::Tensor& deref(ia_tensor handle, const char* what);
torch::Device make_device(int32_t device_type, int32_t device_index);
std::vector<int64_t> dims(const int64_t* values, int32_t count);
std::vector<torch::Tensor> tensors(const ia_tensor* handles, int32_t count);

}  // namespace ia

// Runs `body` (which returns on success) and converts any exception into the error slot.
#define IA_GUARD(failure, body)                                      \
  try {                                                              \
    body                                                             \
  } catch (const c10::Error& e) {                                    \
    ia::set_error(e.what_without_backtrace());                       \
  } catch (const std::exception& e) {                                \
    ia::set_error(e.what());                                         \
  } catch (...) {                                                    \
    ia::set_error("impala_torch: unknown C++ exception");            \
  }                                                                  \
  return failure;

#define IA_T(h) ia::deref((h), #h)
