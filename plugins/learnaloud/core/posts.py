"""Posts: a page for each post and report, and the blog that lists them, newest first, in pages
and by year.

Built here rather than with Material's blog plugin: that plugin re-renders every post for each
listing it appears in (about three times a plain build at 1,000 posts) and needs each post as a file on
disk. Here a post is rendered once, on its own page; listings show its card (title, date, place,
authors, summary, reading time), never the post again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .cards import Cards
from .model import Post
from .page import PlannedPage, later_pages
from .paging import Pager, page_count, page_items, pager
from .sharing import body_description, description
from .views import Link, PostCard, PostView, blog_url, long_date

PAGE_SIZE = 10  # posts a blog page lists
MORE = 3  # other posts a post's page suggests


@dataclass(frozen=True)
class BlogView:
    """A page of the blog: all posts or one year's, with the way to the others."""

    title: str
    posts: list[PostCard]
    post_count: int  # in this listing, over all its pages
    years: list[Link]  # each year with posts, newest first, with its count
    year: int | None  # the archive shown; None: every year
    pager: Pager


def post_source(post: Post) -> str:
    """A post's page sits where its file does, so its relative links work as written."""
    return f"places/{post.place}/posts/{post.id}.md" if post.place else f"posts/{post.id}.md"


class PostPlanner:
    def __init__(self, cards: Cards) -> None:
        self.cards = cards
        self.posts = cards.indexes.posts
        self.by_year: dict[int, list[Post]] = {}
        for post in self.posts:
            self.by_year.setdefault(post.date.year, []).append(post)

    def post_view(self, post: Post) -> PostView:
        indexes = self.cards.indexes
        siblings = (
            indexes.posts_by_place[post.place] if post.place else [p for p in self.posts if not p.place]
        )
        more = [p for p in siblings if p is not post][:MORE]
        return PostView(self.cards.post_card(post), [self.cards.post_card(p) for p in more])

    def latest(self, count: int) -> list[PostCard]:
        return [self.cards.post_card(post) for post in self.posts[:count]]

    def of_place(self, place_id: str) -> list[PostCard]:
        return [self.cards.post_card(post) for post in self.cards.indexes.posts_by_place[place_id]]

    def of_theme(self, theme_id: str) -> list[PostCard]:
        return [self.cards.post_card(post) for post in self.cards.indexes.posts_by_theme[theme_id]]

    def search_label(self, post: Post) -> str:
        whose = (
            self.cards.published.places[post.place].name if post.place else self.cards.published.network.name
        )
        return f"{whose} · {'report' if post.type == 'report' else 'blog post'} · {long_date(post.date)}"

    def blog_view(self, year: int | None, page: int) -> BlogView:
        posts = self.by_year[year] if year is not None else self.posts
        shown = page_items(posts, PAGE_SIZE, page)
        return BlogView(
            title=f"Blog: {year}" if year is not None else "Blog",
            posts=[self.cards.post_card(post) for post in shown],
            post_count=len(posts),
            years=[Link(str(y), blog_url(y), len(self.by_year[y])) for y in self.by_year],
            year=year,
            pager=pager(page, page_count(len(posts), PAGE_SIZE), partial(blog_url, year)),
        )

    def blog_pages(self, year: int | None) -> list[PlannedPage]:
        posts = self.by_year[year] if year is not None else self.posts
        view = partial(self.blog_view, year)
        first = PlannedPage(
            blog_url(year) + "index.md",
            "learnaloud/blog.html",
            f"Blog: {year}" if year is not None else "Blog",
            "",
            partial(view, 1),
            in_nav=year is None,
        )
        return [first, *later_pages(first, blog_url(year), page_count(len(posts), PAGE_SIZE), view)]

    def pages(self) -> list[PlannedPage]:
        pages = self.blog_pages(None)
        for year in self.by_year:
            pages += self.blog_pages(year)
        for post in self.posts:
            pages.append(
                PlannedPage(
                    post_source(post),
                    "learnaloud/report.html" if post.type == "report" else "learnaloud/post.html",
                    post.title,
                    post.body,
                    partial(self.post_view, post),
                    # A report has its own contents on its cover, which also prints.
                    hide=("navigation", "toc") if post.type == "report" else ("navigation",),
                    description=description(post.summary) if post.summary else body_description(post.body),
                    search_label=self.search_label(post),
                    search_terms=tuple(self.cards.published.themes[t].title for t in post.themes),
                    inputs=(),  # made from posts, no record (a live block's records are in its content)
                )
            )
        return pages
