// Errors, handle lifetime, creation and read-back, metadata, autograd and global settings.
#include "shim.h"

#include <torch/cuda.h>
#include <torch/utils.h>
#include <torch/version.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace {

thread_local char* g_error = nullptr;
std::atomic<int64_t> g_live_tensors{0};

}  // namespace

namespace ia {

void set_error(const char* message) {
  std::free(g_error);
  g_error = strdup(message != nullptr ? message : "impala_torch: error without message");
}

ia_tensor wrap(torch::Tensor tensor) {
  auto* handle = new torch::Tensor(std::move(tensor));
  g_live_tensors.fetch_add(1, std::memory_order_relaxed);
  return handle;
}

const torch::Tensor& deref(ia_tensor handle, const char* what) {
  if (handle == nullptr) {
    throw std::invalid_argument(std::string("impala_torch: null tensor handle for '") + what + "'");
  }
  return *handle;
}

torch::Device make_device(int32_t device_type, int32_t device_index) {
  switch (device_type) {
    case 0:
      return torch::Device(torch::kCPU);
    case 1:
      return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(device_index < 0 ? 0 : device_index));
    default:
      throw std::invalid_argument("impala_torch: unknown device type " + std::to_string(device_type));
  }
}

std::vector<int64_t> dims(const int64_t* values, int32_t count) {
  if (count < 0 || (count > 0 && values == nullptr)) {
    throw std::invalid_argument("impala_torch: invalid dimension list");
  }
  return std::vector<int64_t>(values, values + count);
}

std::vector<torch::Tensor> tensors(const ia_tensor* handles, int32_t count) {
  if (count < 0 || (count > 0 && handles == nullptr)) {
    throw std::invalid_argument("impala_torch: invalid tensor list");
  }
  std::vector<torch::Tensor> result;
  result.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) {
    result.push_back(IA_T(handles[i]));
  }
  return result;
}

}  // namespace ia

// ---- errors and lifetime -------------------------------------------------------------------

IA_EXPORT char* ia_take_error() {
  char* error = g_error;
  g_error = nullptr;
  return error;
}

IA_EXPORT void ia_free_string(char* value) { std::free(value); }

IA_EXPORT void ia_tensor_free(ia_tensor handle) {
  if (handle == nullptr) return;
  try {
    delete handle;
  } catch (...) {
    // A tensor destructor does not throw; this only keeps the C boundary sealed.
  }
  g_live_tensors.fetch_sub(1, std::memory_order_relaxed);
}

IA_EXPORT int64_t ia_live_tensors() { return g_live_tensors.load(std::memory_order_relaxed); }

IA_EXPORT const char* ia_torch_version() { return TORCH_VERSION; }

// ---- creation and read-back ----------------------------------------------------------------

IA_EXPORT ia_tensor ia_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype,
                                        int32_t device_type, int32_t device_index) {
  IA_GUARD(nullptr, {
    auto sizes = ia::dims(shape, ndim);
    auto options = torch::TensorOptions().dtype(static_cast<torch::ScalarType>(dtype));
    int64_t numel = 1;
    for (auto s : sizes) {
      if (s < 0) throw std::invalid_argument("impala_torch: negative dimension in shape");
      numel *= s;
    }
    if (numel > 0 && data == nullptr) throw std::invalid_argument("impala_torch: null data pointer");
    torch::Tensor t = numel == 0 ? torch::empty(sizes, options)
                                 : torch::from_blob(const_cast<void*>(data), sizes, options).clone();
    auto device = ia::make_device(device_type, device_index);
    if (device != t.device()) t = t.to(device);
    return ia::wrap(std::move(t));
  })
}

IA_EXPORT int32_t ia_tensor_copy_to(ia_tensor handle, void* destination, int64_t byte_count) {
  IA_GUARD(-1, {
    auto t = IA_T(handle).detach().to(torch::kCPU).contiguous();
    int64_t needed = t.numel() * static_cast<int64_t>(t.element_size());
    if (needed != byte_count) {
      throw std::invalid_argument("impala_torch: read-back buffer holds " + std::to_string(byte_count) +
                                  " bytes, tensor needs " + std::to_string(needed));
    }
    if (needed > 0) std::memcpy(destination, t.data_ptr(), static_cast<size_t>(needed));
    return 0;
  })
}

IA_EXPORT int32_t ia_tensor_item(ia_tensor handle, double* value) {
  IA_GUARD(-1, {
    *value = IA_T(handle).item<double>();
    return 0;
  })
}

IA_EXPORT ia_tensor ia_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t device_type,
                                    int32_t device_index) {
  IA_GUARD(nullptr, {
    auto options = torch::TensorOptions().dtype(static_cast<torch::ScalarType>(dtype))
                       .device(ia::make_device(device_type, device_index));
    return ia::wrap(torch::zeros(ia::dims(shape, ndim), options));
  })
}

IA_EXPORT ia_tensor ia_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype,
                                   int32_t device_type, int32_t device_index) {
  IA_GUARD(nullptr, {
    auto options = torch::TensorOptions().dtype(static_cast<torch::ScalarType>(dtype))
                       .device(ia::make_device(device_type, device_index));
    return ia::wrap(torch::full(ia::dims(shape, ndim), value, options));
  })
}

IA_EXPORT ia_tensor ia_tensor_arange(double start, double end, double step, int32_t dtype, int32_t device_type,
                                     int32_t device_index) {
  IA_GUARD(nullptr, {
    auto options = torch::TensorOptions().dtype(static_cast<torch::ScalarType>(dtype))
                       .device(ia::make_device(device_type, device_index));
    return ia::wrap(torch::arange(start, end, step, options));
  })
}

// kind: 0 uniform [0, 1), 1 standard normal. Draws from libtorch's global generator (ia_manual_seed).
IA_EXPORT ia_tensor ia_tensor_random(const int64_t* shape, int32_t ndim, int32_t kind, int32_t dtype,
                                     int32_t device_type, int32_t device_index) {
  IA_GUARD(nullptr, {
    auto options = torch::TensorOptions().dtype(static_cast<torch::ScalarType>(dtype))
                       .device(ia::make_device(device_type, device_index));
    auto sizes = ia::dims(shape, ndim);
    if (kind == 0) return ia::wrap(torch::rand(sizes, options));
    if (kind == 1) return ia::wrap(torch::randn(sizes, options));
    throw std::invalid_argument("impala_torch: unknown random kind " + std::to_string(kind));
  })
}

// ---- metadata -----------------------------------------------------------------------------

IA_EXPORT int32_t ia_tensor_ndim(ia_tensor handle) {
  IA_GUARD(-1, { return static_cast<int32_t>(IA_T(handle).dim()); })
}

IA_EXPORT int32_t ia_tensor_shape(ia_tensor handle, int64_t* shape, int32_t capacity) {
  IA_GUARD(-1, {
    const auto& t = IA_T(handle);
    if (capacity < t.dim()) throw std::invalid_argument("impala_torch: shape buffer too small");
    for (int64_t i = 0; i < t.dim(); ++i) shape[i] = t.size(i);
    return static_cast<int32_t>(t.dim());
  })
}

IA_EXPORT int32_t ia_tensor_dtype(ia_tensor handle) {
  IA_GUARD(-1, { return static_cast<int32_t>(IA_T(handle).scalar_type()); })
}

IA_EXPORT int32_t ia_tensor_device(ia_tensor handle, int32_t* device_index) {
  IA_GUARD(-1, {
    auto device = IA_T(handle).device();
    *device_index = device.has_index() ? device.index() : 0;
    if (device.is_cpu()) return 0;
    if (device.is_cuda()) return 1;
    throw std::invalid_argument("impala_torch: tensor on unsupported device " + device.str());
  })
}

IA_EXPORT ia_tensor ia_tensor_to(ia_tensor handle, int32_t device_type, int32_t device_index, int32_t dtype) {
  IA_GUARD(nullptr, {
    const auto& t = IA_T(handle);
    auto target = dtype < 0 ? t.scalar_type() : static_cast<torch::ScalarType>(dtype);
    return ia::wrap(t.to(ia::make_device(device_type, device_index), target));
  })
}

// ---- autograd -----------------------------------------------------------------------------

IA_EXPORT int32_t ia_tensor_set_requires_grad(ia_tensor handle, int32_t value) {
  IA_GUARD(-1, {
    IA_T(handle).set_requires_grad(value != 0);
    return 0;
  })
}

IA_EXPORT int32_t ia_tensor_requires_grad(ia_tensor handle) {
  IA_GUARD(-1, { return IA_T(handle).requires_grad() ? 1 : 0; })
}

IA_EXPORT int32_t ia_tensor_backward(ia_tensor handle) {
  IA_GUARD(-1, {
    IA_T(handle).backward();
    return 0;
  })
}

// Returns NULL without an error when the gradient is undefined.
IA_EXPORT ia_tensor ia_tensor_grad(ia_tensor handle) {
  IA_GUARD(nullptr, {
    const auto& grad = IA_T(handle).grad();
    return grad.defined() ? ia::wrap(grad) : nullptr;
  })
}

IA_EXPORT int32_t ia_tensor_clear_grad(ia_tensor handle) {
  IA_GUARD(-1, {
    IA_T(handle).mutable_grad().reset();
    return 0;
  })
}

IA_EXPORT ia_tensor ia_tensor_detach(ia_tensor handle) {
  IA_GUARD(nullptr, { return ia::wrap(IA_T(handle).detach()); })
}

IA_EXPORT int32_t ia_set_grad_enabled(int32_t enabled) {
  IA_GUARD(-1, {
    bool previous = torch::GradMode::is_enabled();
    torch::GradMode::set_enabled(enabled != 0);
    return previous ? 1 : 0;
  })
}

// ---- global settings ----------------------------------------------------------------------

IA_EXPORT int32_t ia_manual_seed(uint64_t seed) {
  IA_GUARD(-1, {
    torch::manual_seed(seed);
    return 0;
  })
}

IA_EXPORT int32_t ia_set_deterministic(int32_t enabled) {
  IA_GUARD(-1, {
    at::globalContext().setDeterministicAlgorithms(enabled != 0, /*warn_only=*/false);
    return 0;
  })
}

IA_EXPORT int32_t ia_set_num_threads(int32_t count) {
  IA_GUARD(-1, {
    if (count < 1) throw std::invalid_argument("impala_torch: thread count must be >= 1");
    torch::set_num_threads(count);
    return 0;
  })
}

IA_EXPORT int32_t ia_get_num_threads() {
  IA_GUARD(-1, { return static_cast<int32_t>(torch::get_num_threads()); })
}

IA_EXPORT int32_t ia_cuda_device_count() {
  IA_GUARD(-1, { return torch::cuda::is_available() ? static_cast<int32_t>(torch::cuda::device_count()) : 0; })
}
