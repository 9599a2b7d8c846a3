#include "emulator/file_endpoints.hpp"

#include "emulator/access_rules.hpp"
#include "emulator/ids.hpp"
#include "emulator/request_params.hpp"

namespace iiv::emulator {

namespace {

Json render_file(const EndpointContext& ctx, const StoredFile& file, const ExpandSet& expand) {
  const std::size_t size = file.content ? file.content->bytes().size() : 0;
  const auto links = expand.has("links") ? ctx.store.links_for_file(file.id) : std::vector<FileLink>{};
  return file_json(file, size, links, ctx.now, ctx.files_base, expand);
}

Json render_link(const EndpointContext& ctx, const FileLink& link, const ExpandSet& expand) {
  std::optional<Json> file;
  if (expand.has("file"))
    if (const auto stored = ctx.store.file(link.file)) file = render_file(ctx, *stored, expand.below("file"));
  return file_link_json(link, ctx.now, ctx.files_base, file);
}

}  // namespace

EndpointResult retrieve_file(const EndpointContext& ctx) {
  if (auto e = reject_unknown_params(ctx.params, {"expand"})) return *e;
  auto expand = requested_expand(ctx.params, ExpandTarget::file);
  if (auto* e = std::get_if<ApiError>(&expand)) return *e;
  const auto file = ctx.store.file(ctx.id);
  if (!file) return errors::no_such_object("file", ctx.id, "file");
  return render_file(ctx, *file, std::get<ExpandSet>(expand));
}

EndpointResult create_file_link(const EndpointContext& ctx) {
  if (auto e = reject_unknown_params(ctx.params, {"expand", "expires_at", "file", "metadata"})) return *e;
  auto expand = requested_expand(ctx.params, ExpandTarget::file_link);
  if (auto* e = std::get_if<ApiError>(&expand)) return *e;
  auto file_id = optional_string_param(ctx.params, "file");
  if (auto* e = std::get_if<ApiError>(&file_id)) return *e;
  const auto& file_param = std::get<std::optional<std::string>>(file_id);
  if (!file_param || file_param->empty()) return errors::missing_required_param("file");
  auto expires_at = optional_integer(ctx.params, "expires_at");
  if (auto* e = std::get_if<ApiError>(&expires_at)) return *e;
  auto metadata = metadata_param(ctx.params);
  if (auto* e = std::get_if<ApiError>(&metadata)) return *e;

  const auto file = ctx.store.file(*file_param);
  if (!file) return errors::no_such_object("file", *file_param, "file", 400);
  std::optional<VerificationSession> owner;
  if (file->verification_session) owner = ctx.store.session(*file->verification_session);
  const auto expiry = std::get<std::optional<std::int64_t>>(expires_at);
  if (auto refused = check_file_link(ctx.key, *file, owner ? &*owner : nullptr, expiry, ctx.now)) return *refused;

  FileLink link;
  link.id = new_object_id("link");
  link.created = ctx.now;
  link.file = file->id;
  link.expires_at = expiry;
  link.metadata = std::get<std::map<std::string, std::string>>(metadata);
  link.token = new_link_token();
  ctx.store.add_link(link);
  return render_link(ctx, link, std::get<ExpandSet>(expand));
}

EndpointResult retrieve_file_link(const EndpointContext& ctx) {
  if (auto e = reject_unknown_params(ctx.params, {"expand"})) return *e;
  auto expand = requested_expand(ctx.params, ExpandTarget::file_link);
  if (auto* e = std::get_if<ApiError>(&expand)) return *e;
  const auto link = ctx.store.link(ctx.id);
  if (!link) return errors::no_such_object("file_link", ctx.id, "link");
  return render_link(ctx, *link, std::get<ExpandSet>(expand));
}

}  // namespace iiv::emulator
